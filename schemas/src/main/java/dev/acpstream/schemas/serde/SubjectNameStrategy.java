package dev.acpstream.schemas.serde;

import dev.acpstream.schemas.ConfigValues;
import org.apache.avro.Schema;

/**
 * How a registry subject is named for a topic and record schema, as in Confluent's
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy}.
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: one record type per topic (the default). */
  TOPIC_NAME,
  /** The record's full name: one subject per record type, whatever the topic. */
  RECORD_NAME,
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD_NAME;

  public String subject(String topic, boolean isKey, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
      case RECORD_NAME -> schema.getFullName();
      case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
    };
  }

  /** Accepts Confluent's class names (any package) or the simple names. */
  public static SubjectNameStrategy parse(String key, String value) {
    String simple = value.substring(value.lastIndexOf('.') + 1);
    return switch (simple) {
      case "TopicNameStrategy", "TOPIC_NAME" -> TOPIC_NAME;
      case "RecordNameStrategy", "RECORD_NAME" -> RECORD_NAME;
      case "TopicRecordNameStrategy", "TOPIC_RECORD_NAME" -> TOPIC_RECORD_NAME;
      default ->
          throw ConfigValues.bad(
              key, value, "TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    };
  }
}
