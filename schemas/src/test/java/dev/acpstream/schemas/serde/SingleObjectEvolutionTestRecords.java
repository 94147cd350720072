package dev.acpstream.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Records written with the test-only older schemas. */
final class SingleObjectEvolutionTestRecords {

  private SingleObjectEvolutionTestRecords() {}

  static GenericRecord v1(String itemId, String label) {
    Schema v1 = OlderSchemas.MEDIA_LABEL_V1;
    GenericRecord r = new GenericData.Record(v1);
    r.put("itemId", itemId);
    r.put("itemKind", new GenericData.EnumSymbol(v1.getField("itemKind").schema(), "MUSIC"));
    r.put("label", label);
    r.put("scheme", "4q");
    r.put("source", "4q-dataset");
    return r;
  }
}
