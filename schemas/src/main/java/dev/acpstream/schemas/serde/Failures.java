package dev.acpstream.schemas.serde;

import dev.acpstream.schemas.serde.AvroSerdeException.Reason;
import java.io.EOFException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;

/** Maps what Avro throws while decoding to the serdes' one exception type and its reason. */
final class Failures {

  private Failures() {}

  static AvroSerdeException decoding(String topic, int length, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && !(root instanceof EOFException)) {
      root = root.getCause();
    }
    if (e instanceof AvroSerdeException ase) {
      return ase;
    }
    if (e instanceof MissingSchemaException) {
      return new AvroSerdeException(topic, Reason.UNKNOWN_FINGERPRINT, e.getMessage(), e);
    }
    if (e instanceof BadHeaderException) {
      Reason r = e.getMessage() != null && e.getMessage().startsWith("Not enough header bytes")
          ? Reason.TRUNCATED : Reason.WRONG_MAGIC_BYTE;
      return new AvroSerdeException(topic, r, e.getMessage() + " (" + length + " bytes)", e);
    }
    if (e instanceof EOFException || root instanceof EOFException) {
      return new AvroSerdeException(
          topic, Reason.TRUNCATED, "the Avro body ended early (" + length + " bytes)", e);
    }
    if (e instanceof AvroTypeException) {
      return new AvroSerdeException(topic, Reason.INCOMPATIBLE_SCHEMA, e.getMessage(), e);
    }
    return new AvroSerdeException(
        topic, Reason.MALFORMED_PAYLOAD,
        e.getClass().getSimpleName() + ": " + e.getMessage() + " (" + length + " bytes)", e);
  }
}
