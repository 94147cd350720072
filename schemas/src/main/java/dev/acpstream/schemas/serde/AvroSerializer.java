package dev.acpstream.schemas.serde;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes generated Avro records in the format {@link SerdeConfig} selects. Null becomes a null
 * value (a tombstone on compacted topics).
 *
 * <p>Built ready to use by {@link AvroSerde} or the topic catalog; the no-arg constructor exists
 * for class-name configuration ({@code value.serializer}), where {@link #configure} reads the
 * record class from {@value AvroSerde#KEY_TYPE} / {@value AvroSerde#VALUE_TYPE}.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private AvroCodec<T> codec;

  public AvroSerializer() {}

  AvroSerializer(AvroCodec<T> codec) {
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
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (codec == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    return codec.encode(topic, data);
  }

  @Override
  public void close() {
    if (codec != null) {
      codec.close();
    }
  }
}
