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
import org.apache.avro.Schema;
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
    Schema v1 = OlderSchemas.MEDIA_LABEL_V1;
    GenericRecord r = new GenericData.Record(v1);
    r.put("itemId", itemId);
    r.put("itemKind", new GenericData.EnumSymbol(v1.getField("itemKind").schema(), "MUSIC"));
    r.put("label", label);
    r.put("scheme", "4q");
    r.put("source", "4q-dataset");
    ByteBuffer buf = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(r);
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }
}
