package dev.acpstream.schemas.serde;

import java.util.Collection;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Picks the wire format the config asks for. */
final class Codecs {

  private Codecs() {}

  static <T extends SpecificRecord> AvroCodec<T> create(
      Class<T> type, SerdeConfig config, boolean isKey, Collection<Schema> olderWriterSchemas) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(config, "config");
    if (config.registry().isPresent()) {
      return new ConfluentCodec<>(type, config, isKey);
    }
    return new SingleObjectCodec<>(type, olderWriterSchemas);
  }
}
