package dev.acpstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.serde.AvroSerdeException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** BACKWARD evolution in single-object mode: data of an older writer, read by today's reader. */
class SingleObjectEvolutionTest {

  private static final String TOPIC = "labels.media";

  @Test
  void olderWritersDataIsReadByTheCurrentRecordWhenItsSchemaIsKnown() throws IOException {
    byte[] v1Bytes = writeV1("track-9", "Q3");
    AvroSerde<MediaLabel> serde = AvroSerde.create(MediaLabel.class, SerdeConfig.singleObject(),
        false, List.of(OlderSchemas.MEDIA_LABEL_V1));
    MediaLabel read = serde.deserializer().deserialize(TOPIC, v1Bytes);
    assertEquals("track-9", read.getItemId());
    assertEquals(ItemKind.MUSIC, read.getItemKind());
    assertEquals("Q3", read.getLabel());
    assertEquals("4q", read.getScheme());
    assertEquals("4q-dataset", read.getSource());
    assertNull(read.getLabeledAt(), "the field added in v2 takes its default");
  }

  @Test
  void olderWritersDataWithoutItsSchemaIsAnUnknownFingerprint() throws IOException {
    byte[] v1Bytes = writeV1("track-9", "Q3");
    AvroSerde<MediaLabel> serde = AvroSerde.forValue(MediaLabel.class, SerdeConfig.singleObject());
    AvroSerdeException e = assertThrows(AvroSerdeException.class,
        () -> serde.deserializer().deserialize(TOPIC, v1Bytes));
    assertEquals(Reason.UNKNOWN_FINGERPRINT, e.reason());
    assertTrue(e.getMessage().contains("labels.media"), e.getMessage());
  }

  @Test
  void anOlderSchemaTheCurrentRecordCannotReadIsRefusedUpFront() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AvroSerde.create(MediaLabel.class, SerdeConfig.singleObject(), false,
            List.of(OlderSchemas.MEDIA_LABEL_WITHOUT_SOURCE)));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }

  static byte[] writeV1(String itemId, String label) throws IOException {
    GenericRecord r = SingleObjectEvolutionTestRecords.v1(itemId, label);
    ByteBuffer buf = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), r.getSchema()).encode(r);
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }
}
