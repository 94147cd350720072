package dev.acpstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The one exception the Avro serdes throw for bytes or records they cannot handle.
 *
 * <p>Services catch this type (it is a Kafka {@link SerializationException}, so Kafka's own
 * deserialization-exception handlers see it too), read {@link #reason()} and {@link #topic()}, and
 * route the record to the dead-letter topic; the message always names the topic and the problem.
 */
public final class AvroSerdeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, in a form a dead-letter record can carry. */
  public enum Reason {
    /** Fewer bytes than the header and the record need. */
    TRUNCATED,
    /** The first byte(s) are not the expected wire-format marker. */
    WRONG_MAGIC_BYTE,
    /** Single-object encoding: no known schema has the fingerprint in the header. */
    UNKNOWN_FINGERPRINT,
    /** Registry mode: the registry has no schema with the id in the header. */
    UNKNOWN_SCHEMA_ID,
    /** The writer's schema cannot be resolved to the reader's (not backward compatible). */
    INCOMPATIBLE_SCHEMA,
    /** The header is fine but the Avro body does not decode (corrupt, or trailing bytes). */
    MALFORMED_PAYLOAD,
    /** The record could not be written (e.g. a required field is null). */
    INVALID_RECORD,
    /** The registry refused the schema (incompatible, invalid) or it is not registered. */
    SCHEMA_REJECTED,
    /** The registry could not be reached or kept failing after retries. */
    REGISTRY_UNAVAILABLE
  }

  private final String topic;
  private final Reason reason;

  public AvroSerdeException(String topic, Reason reason, String detail, Throwable cause) {
    super("topic '" + topic + "': " + describe(reason) + ": " + detail, cause);
    this.topic = topic;
    this.reason = reason;
  }

  public AvroSerdeException(String topic, Reason reason, String detail) {
    this(topic, reason, detail, null);
  }

  /** The topic the bytes came from or were going to. */
  public String topic() {
    return topic;
  }

  public Reason reason() {
    return reason;
  }

  private static String describe(Reason reason) {
    return switch (reason) {
      case TRUNCATED -> "truncated bytes";
      case WRONG_MAGIC_BYTE -> "wrong magic byte";
      case UNKNOWN_FINGERPRINT -> "unknown schema fingerprint";
      case UNKNOWN_SCHEMA_ID -> "unknown schema id";
      case INCOMPATIBLE_SCHEMA -> "incompatible writer schema";
      case MALFORMED_PAYLOAD -> "malformed Avro payload";
      case INVALID_RECORD -> "record cannot be serialized";
      case SCHEMA_REJECTED -> "schema rejected by the registry";
      case REGISTRY_UNAVAILABLE -> "schema registry unavailable";
    };
  }
}
