package dev.acpstream.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Small helpers about generated record classes. */
final class RecordTypes {

  private RecordTypes() {}

  /** The compiled schema of a generated class (its static {@code SCHEMA$}). */
  static Schema schemaOf(Class<? extends SpecificRecord> type) {
    return SpecificData.get().getSchema(type);
  }

  /** Loads a record class named in config, checking that it really is a generated record. */
  static Class<? extends SpecificRecord> load(String key, String className) {
    try {
      Class<?> c = Class.forName(className, false, RecordTypes.class.getClassLoader());
      if (!SpecificRecord.class.isAssignableFrom(c)) {
        throw new IllegalArgumentException(
            "config '" + key + "' = '" + className + "' is not an Avro SpecificRecord class");
      }
      return c.asSubclass(SpecificRecord.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "config '" + key + "' = '" + className + "': no such class on the classpath", e);
    }
  }
}
