package dev.acpstream.cli;

import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the topology's outputs as a downstream service would (read_committed, so only what
 * exactly-once transactions committed) until every expected image feature and music segment
 * arrived, or every item still missing was dead-lettered, or the time is up.
 */
final class PipelineWatch {

  /** What the pipeline produced for the items sent. */
  record Outputs(Map<String, ImageFeatures> images, Map<String, Map<Integer, MusicSegmentFeatures>> segments,
      List<DeadLetter> deadLetters, List<String> missing, double seconds) {

    boolean complete() {
      return missing.isEmpty();
    }

    /** Missing items no dead letter explains: the pipeline is slow or stuck on them. */
    List<String> unexplained() {
      Set<String> keys = new HashSet<>();
      deadLetters.forEach(d -> keys.add(String.valueOf(d.getKey())));
      return missing.stream().filter(m -> !keys.contains(idOf(m))).toList();
    }

    /** Each dead letter as "key (REASON)". */
    List<String> deadLetterSummaries() {
      return deadLetters.stream().map(d -> d.getKey() + " (" + d.getReason() + ")").toList();
    }
  }

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);

  private final String bootstrapServers;
  private final SerdeConfig serdes;
  private final PrintWriter out;

  PipelineWatch(String bootstrapServers, SerdeConfig serdes, PrintWriter out) {
    this.bootstrapServers = bootstrapServers;
    this.serdes = serdes;
    this.out = out;
  }

  /**
   * @param imageIds the mediaIds sent
   * @param segmentsPerTrack each trackId sent and how many segments it must yield
   */
  Outputs await(Set<String> imageIds, Map<String, Integer> segmentsPerTrack, Duration timeout) {
    Map<String, ImageFeatures> images = new TreeMap<>();
    Map<String, Map<Integer, MusicSegmentFeatures>> segments = new LinkedHashMap<>();
    segmentsPerTrack.keySet().forEach(t -> segments.put(t, new TreeMap<>()));
    List<DeadLetter> deadLetters = new ArrayList<>();
    Set<String> deadLettered = new HashSet<>();
    int expectedSegments = segmentsPerTrack.values().stream().mapToInt(Integer::intValue).sum();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long lastProgress = start;
    String lastLine = "";

    var imageValues = Topics.FEATURES_IMAGE.valueSerde(serdes).deserializer();
    var segmentValues = Topics.FEATURES_MUSIC_SEGMENT.valueSerde(serdes).deserializer();
    var letterValues = Topics.ERRORS_DEAD_LETTER.valueSerde(serdes).deserializer();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.FEATURES_IMAGE.name(), Topics.FEATURES_MUSIC_SEGMENT.name(),
          Topics.ERRORS_DEAD_LETTER.name())) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      // No group: this reader owns its position and waits for no rebalance.
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
          if (r.topic().equals(Topics.FEATURES_IMAGE.name())) {
            ImageFeatures f = imageValues.deserialize(r.topic(), r.value());
            if (imageIds.contains(f.getMediaId())) {
              images.put(f.getMediaId(), f);
            }
          } else if (r.topic().equals(Topics.FEATURES_MUSIC_SEGMENT.name())) {
            MusicSegmentFeatures f = segmentValues.deserialize(r.topic(), r.value());
            Map<Integer, MusicSegmentFeatures> track = segments.get(f.getTrackId());
            if (track != null) {
              track.put(f.getSegmentIndex(), f);
            }
          } else {
            DeadLetter d = letterValues.deserialize(r.topic(), r.value());
            deadLetters.add(d);
            deadLettered.add(String.valueOf(d.getKey()));
            out.printf("  dead letter from %s, key %s: %s %s%n", d.getSourceTopic(), d.getKey(), d.getReason(),
                d.getErrorMessage());
          }
        }
        List<String> missing = missing(imageIds, images, segmentsPerTrack, segments);
        long now = System.nanoTime();
        int segmentCount = segments.values().stream().mapToInt(Map::size).sum();
        String line = String.format("images %d/%d, music segments %d/%d, dead letters %d",
            images.size(), imageIds.size(), segmentCount, expectedSegments, deadLetters.size());
        boolean done = missing.stream().allMatch(m -> deadLettered.contains(idOf(m)));
        if (done || now > deadline
            || (!line.equals(lastLine) && now - lastProgress > PROGRESS_EVERY.toNanos())
            || now - lastProgress > HEARTBEAT_EVERY.toNanos()) {
          out.printf("  [%5.1f s] %s%n", (now - start) / 1e9, line);
          out.flush();
          lastLine = line;
          lastProgress = now;
        }
        if (done || now > deadline) {
          drainDeadLetters(consumer, partitions, letterValues, deadLetters);
          return new Outputs(images, segments, deadLetters, missing, (now - start) / 1e9);
        }
      }
    }
  }

  /**
   * Reads the dead letters committed so far: one committed with the last outputs' transaction
   * (or just after) must still be counted.
   */
  private void drainDeadLetters(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
      org.apache.kafka.common.serialization.Deserializer<DeadLetter> letterValues, List<DeadLetter> deadLetters) {
    List<TopicPartition> letters = partitions.stream()
        .filter(p -> p.topic().equals(Topics.ERRORS_DEAD_LETTER.name())).toList();
    Map<TopicPartition, Long> end = consumer.endOffsets(letters);
    consumer.assign(letters);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (letters.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        DeadLetter d = letterValues.deserialize(r.topic(), r.value());
        deadLetters.add(d);
        out.printf("  dead letter from %s, key %s: %s %s%n", d.getSourceTopic(), d.getKey(), d.getReason(),
            d.getErrorMessage());
      }
    }
  }

  /** The id in a missing item, "image ID" or "track ID". */
  private static String idOf(String missingItem) {
    return missingItem.substring(missingItem.indexOf(' ') + 1);
  }

  /** What has not arrived yet, each as "image ID" or "track ID". */
  private static List<String> missing(Set<String> imageIds, Map<String, ImageFeatures> images,
      Map<String, Integer> segmentsPerTrack, Map<String, Map<Integer, MusicSegmentFeatures>> segments) {
    List<String> missing = new ArrayList<>();
    imageIds.stream().filter(id -> !images.containsKey(id)).sorted().forEach(id -> missing.add("image " + id));
    segmentsPerTrack.forEach((track, n) -> {
      if (segments.get(track).size() < n) {
        missing.add("track " + track);
      }
    });
    return missing;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> c = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
