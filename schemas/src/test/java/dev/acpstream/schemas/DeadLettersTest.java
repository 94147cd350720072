package dev.acpstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.serde.AvroSerdeException;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

  @Test
  void aSerdeFailureBecomesADeadLetterThatItselfRoundTrips() {
    byte[] garbage = {1, 2, 3};
    AvroSerdeException failure = assertThrows(AvroSerdeException.class, () ->
        Topics.MEDIA_AUDIO_CHUNKS.valueSerde(SerdeConfig.singleObject()).deserializer()
            .deserialize("media.audio-chunks", garbage));
    DeadLetter dl = DeadLetters.of("media.audio-chunks", 2, 99L,
        "track-7".getBytes(StandardCharsets.UTF_8), garbage, failure, "acp-topology", NOW,
        DeadLetters.DEFAULT_MAX_INLINE_BYTES);
    assertEquals("TRUNCATED", dl.getReason());
    assertEquals("track-7", dl.getKey());
    assertEquals(AvroSerdeException.class.getName(), dl.getErrorClass());
    assertTrue(dl.getErrorMessage().contains("media.audio-chunks"), dl.getErrorMessage());
    assertEquals(ByteBuffer.wrap(garbage), ((InlineBytes) dl.getPayload()).getData());

    Serde<DeadLetter> serde = Topics.ERRORS_DEAD_LETTER.valueSerde(SerdeConfig.singleObject());
    assertEquals(dl, serde.deserializer().deserialize("errors.dead-letter",
        serde.serializer().serialize("errors.dead-letter", dl)));
  }

  @Test
  void nonUtf8KeysStayBytesAndLargePayloadsAreLeftOut() {
    byte[] key = {(byte) 0xC3, (byte) 0x28};
    DeadLetter dl = DeadLetters.of("media.images", 0, 1L, key, new byte[100],
        new IllegalStateException("decoder gave up"), "acp-topology", NOW, 10);
    assertEquals(ByteBuffer.wrap(key), dl.getKey());
    assertNull(dl.getPayload());
    assertEquals("IllegalStateException", dl.getReason());
    assertTrue(dl.getErrorMessage().contains("payload of 100 bytes not kept"), dl.getErrorMessage());
  }

  @Test
  void aWrappedSerdeFailureKeepsItsReasonAndNullsStayNull() {
    var wrapped = new RuntimeException("processing failed",
        new AvroSerdeException("t", AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID, "id 5"));
    DeadLetter dl = DeadLetters.of("t", 0, 0L, null, null, wrapped, "svc", NOW, 10);
    assertEquals("UNKNOWN_SCHEMA_ID", dl.getReason());
    assertNull(dl.getKey());
    assertNull(dl.getPayload());
  }
}
