package dev.acpstream.schemas;

import dev.acpstream.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the product: its name, how keys and values are (de)serialized, and how it is
 * created (partitions, cleanup policy, retention). Partitions and retention here are defaults
 * that {@link TopicSettings} may override per deployment.
 *
 * @param retention how long records are kept; empty means forever ({@code retention.ms=-1})
 */
public record TopicSpec<K, V>(
    String name,
    Class<V> valueType,
    SerdeFactory<K> keySerdeFactory,
    SerdeFactory<V> valueSerdeFactory,
    int partitions,
    CleanupPolicy cleanupPolicy,
    Optional<Duration> retention,
    int maxMessageBytes) {

  /** A topic whose records fit the broker's default size limit. */
  public TopicSpec(String name, Class<V> valueType, SerdeFactory<K> keySerdeFactory,
      SerdeFactory<V> valueSerdeFactory, int partitions, CleanupPolicy cleanupPolicy,
      Optional<Duration> retention) {
    this(name, valueType, keySerdeFactory, valueSerdeFactory, partitions, cleanupPolicy, retention, 0);
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keySerdeFactory, "keySerdeFactory");
    Objects.requireNonNull(valueSerdeFactory, "valueSerdeFactory");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(retention, "retention");
    if (maxMessageBytes < 0) {
      throw new IllegalArgumentException(name + ": maxMessageBytes must be >= 0 (0 = broker default)");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1");
    }
  }

  /** A key serde for this topic, ready to use (no configure call needed). */
  public Serde<K> keySerde(SerdeConfig config) {
    return keySerdeFactory.create(config, true);
  }

  /** A value serde for this topic, ready to use (no configure call needed). */
  public Serde<V> valueSerde(SerdeConfig config) {
    return valueSerdeFactory.create(config, false);
  }

  /** {@code retention.ms}: the retention in milliseconds, or -1 for forever. */
  public long retentionMs() {
    return retention.map(Duration::toMillis).orElse(-1L);
  }

  /** This topic with records up to {@code bytes} ({@code max.message.bytes}). */
  public TopicSpec<K, V> withMaxMessageBytes(int bytes) {
    return new TopicSpec<>(name, valueType, keySerdeFactory, valueSerdeFactory, partitions,
        cleanupPolicy, retention, bytes);
  }
}
