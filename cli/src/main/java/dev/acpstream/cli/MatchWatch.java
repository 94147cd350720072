package dev.acpstream.cli;

import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads scores and match lists read_committed, as a downstream service would, until every
 * expected (segment, image) pair is scored and every item has its top-K list, or time is up.
 */
final class MatchWatch {

  /** What arrived: scores (last one per pair wins) and the newest match list per item. */
  record Matches(Map<String, CorrespondenceScore> scoresByPair, Map<String, TopKMatches> topK,
      List<String> missing, double seconds) {

    boolean complete() {
      return missing.isEmpty();
    }
  }

  private final String bootstrapServers;
  private final SerdeConfig serdes;
  private final PrintWriter out;

  MatchWatch(String bootstrapServers, SerdeConfig serdes, PrintWriter out) {
    this.bootstrapServers = bootstrapServers;
    this.serdes = serdes;
    this.out = out;
  }

  static String pair(String segmentKey, String imageId) {
    return segmentKey + " x " + imageId;
  }

  /**
   * @param pairs expected pairs, each {@link #pair(String, String)}
   * @param items expected query items (image ids and segment keys) with a top-K list
   */
  Matches await(Set<String> pairs, Set<String> items, Duration timeout) {
    Map<String, CorrespondenceScore> scores = new LinkedHashMap<>();
    Map<String, TopKMatches> lists = new LinkedHashMap<>();
    var scoreValues = Topics.SCORES_CORRESPONDENCE.valueSerde(serdes).deserializer();
    var listValues = Topics.MATCHES_TOPK.valueSerde(serdes).deserializer();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long lastPrint = start;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.SCORES_CORRESPONDENCE.name(), Topics.MATCHES_TOPK.name())) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
          if (r.topic().equals(Topics.SCORES_CORRESPONDENCE.name())) {
            CorrespondenceScore s = scoreValues.deserialize(r.topic(), r.value());
            scores.put(pair(s.getMusicId() + ":" + s.getMusicSegmentIndex(), s.getImageId()), s);
          } else {
            TopKMatches m = listValues.deserialize(r.topic(), r.value());
            lists.put(m.getQueryItemId(), m);
          }
        }
        List<String> missing = new ArrayList<>();
        pairs.stream().filter(p -> !scores.containsKey(p)).forEach(missing::add);
        items.stream().filter(i -> !lists.containsKey(i)).map(i -> "top-K of " + i).forEach(missing::add);
        long now = System.nanoTime();
        boolean done = missing.isEmpty();
        if (done || now > deadline || now - lastPrint > Duration.ofSeconds(2).toNanos()) {
          out.printf("  [%5.1f s] scores %d/%d, match lists %d/%d%n", (now - start) / 1e9,
              pairs.size() - countMissingPairs(pairs, scores), pairs.size(),
              items.size() - (int) items.stream().filter(i -> !lists.containsKey(i)).count(), items.size());
          out.flush();
          lastPrint = now;
        }
        if (done || now > deadline) {
          return new Matches(scores, lists, missing, (now - start) / 1e9);
        }
      }
    }
  }

  private static int countMissingPairs(Set<String> pairs, Map<String, CorrespondenceScore> scores) {
    Set<String> missing = new HashSet<>(pairs);
    missing.removeAll(scores.keySet());
    return missing.size();
  }
}
