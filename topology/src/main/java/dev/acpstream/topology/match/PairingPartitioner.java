package dev.acpstream.topology.match;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the feature topics by pairing key (items without one by their own key), exactly as
 * the default partitioner would partition a record keyed by that string. So an image and a
 * segment of one key land in the same partition of {@code features.image} and
 * {@code features.music-segment} and meet in one pairing task without a repartition topic, and
 * {@code queryMetadataForKey(store, pairingKey)} finds the instance holding the key's scores.
 */
public final class PairingPartitioner<V> implements StreamPartitioner<String, Object> {

  private final Function<V, String> pairingKey;
  private final Class<V> type;

  public PairingPartitioner(Class<V> type, Function<V, String> pairingKey) {
    this.type = type;
    this.pairingKey = pairingKey;
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
    return Optional.of(Set.of(partitionOf(route(key, value), numPartitions)));
  }

  /** The partition of {@code routingKey} among {@code numPartitions}: the default partitioner's. */
  public static int partitionOf(String routingKey, int numPartitions) {
    return Utils.toPositive(Utils.murmur2(routingKey.getBytes(StandardCharsets.UTF_8))) % numPartitions;
  }

  private String route(String key, Object value) {
    if (type.isInstance(value)) {
      String p = pairingKey.apply(type.cast(value));
      if (p != null && !p.isEmpty()) {
        return p;
      }
    }
    return key;
  }
}
