package dev.acpstream.schemas.serde;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads bytes written by {@link AvroSerializer} (or any Confluent-format producer, in registry
 * mode) into the generated record class, resolving the writer's schema to the reader's. Null
 * bytes become null; anything unreadable throws {@link AvroSerdeException}.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private AvroCodec<T> codec;

  public AvroDeserializer() {}

  AvroDeserializer(AvroCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (codec == null) {
      Class<T> type = (Class<T>) AvroSerde.typeFromConfig(configs, isKey);
      codec = Codecs.create(type, SerdeConfig.from(configs), isKey, List.of());
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (codec == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    return codec.decode(topic, data);
  }

  @Override
  public void close() {
    if (codec != null) {
      codec.close();
    }
  }
}
