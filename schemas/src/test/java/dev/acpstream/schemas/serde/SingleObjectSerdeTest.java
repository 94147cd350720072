package dev.acpstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.Samples;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.serde.AvroSerdeException.Reason;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SingleObjectSerdeTest {

  private static final SerdeConfig CONFIG = SerdeConfig.singleObject();
  private static final String TOPIC = Topics.MEDIA_AUDIO_CHUNKS.name();

  static Stream<String> topics() {
    return Topics.ALL.stream().map(TopicSpec::name);
  }

  @ParameterizedTest
  @MethodSource("topics")
  @SuppressWarnings("unchecked")
  void everyCatalogRecordRoundTrips(String topic) {
    TopicSpec<String, SpecificRecord> spec = (TopicSpec<String, SpecificRecord>) Topics.byName(topic);
    SpecificRecord sample = Samples.byTopic().get(topic);
    Serde<SpecificRecord> serde = spec.valueSerde(CONFIG);
    byte[] bytes = serde.serializer().serialize(topic, sample);
    // Single-object header: C3 01 then the 8-byte fingerprint of the writer schema.
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    SpecificRecord back = serde.deserializer().deserialize(topic, bytes);
    assertEquals(sample, back);
    assertEquals(spec.valueType(), back.getClass());
  }

  @Test
  void imageByReferenceRoundTripsWithItsUnionBranch() {
    Serde<ImageUpload> serde = Topics.MEDIA_IMAGES.valueSerde(CONFIG);
    ImageUpload ref = Samples.imageByReference();
    ImageUpload back = serde.deserializer().deserialize("media.images",
        serde.serializer().serialize("media.images", ref));
    assertEquals(ref, back);
    assertEquals(dev.acpstream.schemas.avro.BlobReference.class, back.getContent().getClass());
  }

  @Test
  void nullIsATombstoneBothWays() {
    Serde<AudioChunk> serde = Topics.MEDIA_AUDIO_CHUNKS.valueSerde(CONFIG);
    assertNull(serde.serializer().serialize(TOPIC, null));
    assertNull(serde.deserializer().deserialize(TOPIC, null));
  }

  @Test
  void emptyBytesAreTruncated() {
    assertReason(Reason.TRUNCATED, new byte[0]);
  }

  @Test
  void headerOnlyIsTruncated() {
    byte[] good = goodChunkBytes();
    assertReason(Reason.TRUNCATED, Arrays.copyOf(good, 10));
  }

  @Test
  void shortHeaderIsTruncated() {
    assertReason(Reason.TRUNCATED, Arrays.copyOf(goodChunkBytes(), 6));
  }

  @Test
  void bodyCutShortIsTruncated() {
    byte[] good = goodChunkBytes();
    assertReason(Reason.TRUNCATED, Arrays.copyOf(good, good.length - 3));
  }

  @Test
  void wrongMagicBytesAreNamed() {
    byte[] bad = goodChunkBytes();
    bad[0] = 0; // what a Confluent-format record starts with
    AvroSerdeException e = assertReason(Reason.WRONG_MAGIC_BYTE, bad);
    assertTrue(e.getMessage().contains("wrong magic byte"), e.getMessage());
  }

  @Test
  void unknownFingerprintIsNamed() {
    byte[] bad = goodChunkBytes();
    bad[5] ^= 0x5A;
    assertReason(Reason.UNKNOWN_FINGERPRINT, bad);
  }

  @Test
  void anotherRecordTypesBytesHaveAnUnknownFingerprint() {
    Serde<ImageUpload> images = Topics.MEDIA_IMAGES.valueSerde(CONFIG);
    byte[] imageBytes = images.serializer().serialize("media.images", Samples.imageUpload());
    assertReason(Reason.UNKNOWN_FINGERPRINT, imageBytes);
  }

  @Test
  void trailingGarbageIsMalformed() {
    byte[] good = goodChunkBytes();
    byte[] bad = Arrays.copyOf(good, good.length + 2);
    assertReason(Reason.MALFORMED_PAYLOAD, bad);
  }

  @Test
  void corruptBodyIsMalformedOrTruncated() {
    byte[] bad = goodChunkBytes();
    // The trackId string length (first body byte) becomes a huge negative zig-zag varint.
    bad[10] = (byte) 0x81;
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> chunks().deserializer().deserialize(TOPIC, bad));
    assertTrue(e.reason() == Reason.MALFORMED_PAYLOAD || e.reason() == Reason.TRUNCATED,
        e.reason() + ": " + e.getMessage());
  }

  @Test
  void aRecordMissingARequiredFieldIsRefusedOnWrite() {
    AudioChunk chunk = Samples.audioChunk();
    chunk.setTrackId(null);
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> chunks().serializer().serialize(TOPIC, chunk));
    assertEquals(Reason.INVALID_RECORD, e.reason());
    assertTrue(e.getMessage().startsWith("topic 'media.audio-chunks'"), e.getMessage());
  }

  @Test
  void serializationIsDeterministic() {
    assertArrayEquals(goodChunkBytes(), goodChunkBytes());
  }

  @Test
  void classNameConfigurationNeedsTheRecordType() {
    AvroDeserializer<AudioChunk> d = new AvroDeserializer<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.configure(Map.of(), false));
    assertTrue(e.getMessage().contains(AvroSerde.VALUE_TYPE), e.getMessage());
    IllegalArgumentException notARecord = assertThrows(IllegalArgumentException.class,
        () -> d.configure(Map.of(AvroSerde.VALUE_TYPE, "java.lang.String"), false));
    assertTrue(notARecord.getMessage().contains("not an Avro SpecificRecord"), notARecord.getMessage());
  }

  @Test
  void classNameConfigurationWorks() {
    AvroSerializer<AudioChunk> s = new AvroSerializer<>();
    AvroDeserializer<AudioChunk> d = new AvroDeserializer<>();
    Map<String, String> config = Map.of(AvroSerde.VALUE_TYPE, AudioChunk.class.getName());
    s.configure(config, false);
    d.configure(config, false);
    assertEquals(Samples.audioChunk(), d.deserialize(TOPIC, s.serialize(TOPIC, Samples.audioChunk())));
  }

  private static Serde<AudioChunk> chunks() {
    return Topics.MEDIA_AUDIO_CHUNKS.valueSerde(CONFIG);
  }

  private static byte[] goodChunkBytes() {
    return chunks().serializer().serialize(TOPIC, Samples.audioChunk());
  }

  private static AvroSerdeException assertReason(Reason reason, byte[] bytes) {
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> chunks().deserializer().deserialize(TOPIC, bytes));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(TOPIC, e.topic());
    assertTrue(e.getMessage().startsWith("topic 'media.audio-chunks': "), e.getMessage());
    assertTrue(e instanceof org.apache.kafka.common.errors.SerializationException);
    return e;
  }
}
