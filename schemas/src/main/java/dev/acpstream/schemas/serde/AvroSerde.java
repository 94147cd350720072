package dev.acpstream.schemas.serde;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro record type: Confluent wire format with a schema registry when
 * {@code schema.registry.url} is configured, else Avro single-object encoding.
 *
 * <pre>{@code
 * Serde<AudioChunk> serde = AvroSerde.forValue(AudioChunk.class, SerdeConfig.from(props));
 * }</pre>
 *
 * Most code should take serdes from the topic catalog ({@code Topics.AUDIO_CHUNKS.valueSerde(cfg)}).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** Config naming the key record class, for serdes created from class names. */
  public static final String KEY_TYPE = "acp.avro.key.type";
  /** Config naming the value record class, for serdes created from class names. */
  public static final String VALUE_TYPE = "acp.avro.value.type";

  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  private AvroSerde(AvroCodec<T> codec) {
    this.serializer = new AvroSerializer<>(codec);
    this.deserializer = new AvroDeserializer<>(codec);
  }

  /** A value serde for {@code type}. */
  public static <T extends SpecificRecord> AvroSerde<T> forValue(Class<T> type, SerdeConfig config) {
    return create(type, config, false, List.of());
  }

  /** A key serde for {@code type}. */
  public static <T extends SpecificRecord> AvroSerde<T> forKey(Class<T> type, SerdeConfig config) {
    return create(type, config, true, List.of());
  }

  /**
   * A serde that, in single-object mode, can also read data written with the given older
   * versions of the record's schema (each must be backward compatible: readable by the current
   * schema). Registry mode fetches writer schemas by id and ignores this list.
   */
  public static <T extends SpecificRecord> AvroSerde<T> create(
      Class<T> type, SerdeConfig config, boolean isKey, Collection<Schema> olderWriterSchemas) {
    return new AvroSerde<>(Codecs.create(type, config, isKey, olderWriterSchemas));
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  /** Already configured at construction; Kafka's configure call changes nothing. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {
    serializer.close();
  }

  static Class<? extends SpecificRecord> typeFromConfig(Map<String, ?> configs, boolean isKey) {
    String key = isKey ? KEY_TYPE : VALUE_TYPE;
    Object name = configs.get(key);
    if (name == null || name.toString().isBlank()) {
      throw new IllegalArgumentException(
          "config '" + key + "' must name the Avro record class when the serde is created by class name");
    }
    return RecordTypes.load(key, name.toString().trim());
  }
}
