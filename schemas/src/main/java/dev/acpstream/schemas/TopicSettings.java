package dev.acpstream.schemas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Per-deployment overrides of the catalog's topic defaults.
 *
 * <p>Config keys: {@code acp.topics.partitions} (all topics), {@code acp.topics.<topic>.partitions},
 * {@code acp.topics.<topic>.retention.ms} (-1 = forever) and {@code acp.topics.replication.factor}
 * (absent: the broker's {@code default.replication.factor}). Other keys under {@code acp.topics.}
 * are refused, so a misspelt topic name fails loudly instead of being ignored.
 */
public record TopicSettings(
    Optional<Integer> allPartitions,
    Map<String, Integer> partitionsByTopic,
    Map<String, Long> retentionMsByTopic,
    Optional<Short> replicationFactor) {

  public static final String PREFIX = "acp.topics.";
  public static final String PARTITIONS = PREFIX + "partitions";
  public static final String REPLICATION_FACTOR = PREFIX + "replication.factor";

  public TopicSettings {
    partitionsByTopic = Map.copyOf(partitionsByTopic);
    retentionMsByTopic = Map.copyOf(retentionMsByTopic);
  }

  /** The catalog's defaults and the broker's replication factor. */
  public static TopicSettings defaults() {
    return new TopicSettings(Optional.empty(), Map.of(), Map.of(), Optional.empty());
  }

  public static TopicSettings from(Properties props) {
    return from(ConfigValues.of(props), props.stringPropertyNames().stream().toList());
  }

  public static TopicSettings from(Map<String, ?> config) {
    return from(new ConfigValues(config), List.copyOf(config.keySet()));
  }

  private static TopicSettings from(ConfigValues c, List<String> keys) {
    Map<String, Integer> partitions = new HashMap<>();
    Map<String, Long> retention = new HashMap<>();
    for (String key : keys) {
      if (!key.startsWith(PREFIX) || key.equals(PARTITIONS) || key.equals(REPLICATION_FACTOR)) {
        continue;
      }
      String rest = key.substring(PREFIX.length());
      if (rest.endsWith(".partitions")) {
        String topic = known(key, rest.substring(0, rest.length() - ".partitions".length()));
        partitions.put(topic, positive(key, c.integer(key, 1)));
      } else if (rest.endsWith(".retention.ms")) {
        String topic = known(key, rest.substring(0, rest.length() - ".retention.ms".length()));
        long ms = c.longValue(key, -1);
        if (ms < -1) {
          throw ConfigValues.bad(key, String.valueOf(ms), "-1 (forever) or a duration in ms");
        }
        retention.put(topic, ms);
      } else {
        throw ConfigValues.bad(key, c.string(key, ""),
            "a known key: " + PARTITIONS + ", " + REPLICATION_FACTOR + ", " + PREFIX
                + "<topic>.partitions or " + PREFIX + "<topic>.retention.ms");
      }
    }
    Optional<Integer> all = c.string(PARTITIONS).map(v -> positive(PARTITIONS, c.integer(PARTITIONS, 1)));
    Optional<Short> rf = c.string(REPLICATION_FACTOR).map(v -> {
      int n = positive(REPLICATION_FACTOR, c.integer(REPLICATION_FACTOR, 1));
      if (n > Short.MAX_VALUE) {
        throw ConfigValues.bad(REPLICATION_FACTOR, v, "at most " + Short.MAX_VALUE);
      }
      return (short) n;
    });
    TopicSettings settings = new TopicSettings(all, partitions, retention, rf);
    // The topology pairs partition p of both feature topics in one task: their counts must match.
    int images = settings.partitions(Topics.FEATURES_IMAGE);
    int segments = settings.partitions(Topics.FEATURES_MUSIC_SEGMENT);
    if (images != segments) {
      throw new IllegalArgumentException("config: " + Topics.FEATURES_IMAGE.name() + " would get " + images
          + " partitions and " + Topics.FEATURES_MUSIC_SEGMENT.name() + " " + segments + "; live pairing "
          + "reads partition p of both in one task, so set " + PREFIX + Topics.FEATURES_IMAGE.name()
          + ".partitions and " + PREFIX + Topics.FEATURES_MUSIC_SEGMENT.name() + ".partitions alike");
    }
    return settings;
  }

  /** Partitions to create {@code spec} with. */
  public int partitions(TopicSpec<?, ?> spec) {
    return partitionsByTopic.getOrDefault(spec.name(), allPartitions.orElse(spec.partitions()));
  }

  /** {@code retention.ms} to create {@code spec} with (-1 = forever). */
  public long retentionMs(TopicSpec<?, ?> spec) {
    return retentionMsByTopic.getOrDefault(spec.name(), spec.retentionMs());
  }

  private static String known(String key, String topic) {
    try {
      return Topics.byName(topic).name();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config '" + key + "': " + e.getMessage(), e);
    }
  }

  private static int positive(String key, int value) {
    if (value < 1) {
      throw ConfigValues.bad(key, String.valueOf(value), "a value >= 1");
    }
    return value;
  }
}
