package dev.acpstream.web;

import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.EmotionDistribution;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.serde.SerdeConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pipeline's outputs as a downstream reader (read_committed, no consumer group) and
 * keeps what the page and the metrics need: records per topic (images and segments processed,
 * scores emitted, dead letters), each step's latency, every item's predicted emotion (from the
 * embeddings) and every segment's place in its track. It reads each topic from the beginning, so
 * counts cover what the topics retain, and it holds no vectors: a few hundred bytes per item.
 */
public final class PipelineMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineMonitor.class);

  /** The topics counted, in pipeline order. */
  public static final List<TopicSpec<String, ?>> WATCHED = List.of(
      Topics.FEATURES_IMAGE, Topics.FEATURES_MUSIC_SEGMENT, Topics.EMBEDDINGS_IMAGE, Topics.EMBEDDINGS_MUSIC,
      Topics.SCORES_CORRESPONDENCE, Topics.ERRORS_DEAD_LETTER);

  /** Items whose emotion is kept; past this the catalogue stops growing (the counts go on). */
  static final int MAX_ITEMS = 200_000;
  private static final int RECENT_DEAD_LETTERS = 20;

  /** An item's prediction as the embedding carried it. */
  public record ItemInfo(String itemId, ItemKind kind, String pairingKey, Integer segmentIndex,
      EmotionDistribution emotion, String modelVersion) {}

  /** A music segment's place in its track. */
  public record SegmentInfo(String trackId, int index, double startSeconds, double durationSeconds,
      boolean partial, String pairingKey) {}

  /** A dead letter, as the status shows it. */
  public record DeadLetterInfo(String sourceTopic, String key, String reason, String message, Instant failedAt) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final SerdeConfig serdes;
  private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
  private final Map<String, ItemInfo> items = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, SegmentInfo>> tracks = new ConcurrentSkipListMap<>();
  private final Set<String> images = ConcurrentHashMap.newKeySet();
  private final Deque<DeadLetterInfo> recentDeadLetters = new ArrayDeque<>();
  private final Map<String, Timer> stepLatency = new LinkedHashMap<>();
  private final MeterRegistry registry;
  private final long startedAt = System.currentTimeMillis();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean caughtUp;

  public PipelineMonitor(String bootstrapServers, SerdeConfig serdes, MeterRegistry registry) {
    this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), serdes, registry);
  }

  /**
   * @param connection {@code bootstrap.servers} and the Kafka security settings ({@link
   *     KafkaClientSecurity}); other keys are ignored
   */
  public PipelineMonitor(Map<String, ?> connection, SerdeConfig serdes, MeterRegistry registry) {
    this.serdes = serdes;
    this.registry = registry;
    Map<String, Object> client = new HashMap<>(KafkaClientSecurity.of(connection));
    client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    client.put(ConsumerConfig.CLIENT_ID_CONFIG, "acp-web-monitor-" + Integer.toHexString(System.identityHashCode(this)));
    client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    client.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(client, new StringDeserializer(), new ByteArrayDeserializer());
    for (TopicSpec<String, ?> t : WATCHED) {
      AtomicLong c = new AtomicLong();
      counts.put(t.name(), c);
      FunctionCounter.builder("acp.pipeline.records", c, AtomicLong::doubleValue)
          .description("Records the pipeline committed to a topic (features = items processed, scores emitted, dead letters)")
          .tag("topic", t.name())
          .register(registry);
    }
    for (String step : List.of("image-features", "music-segment", "pair-score")) {
      stepLatency.put(step, Timer.builder("acp.pipeline.step.latency")
          .description("From a record's source timestamp to the step's output")
          .tag("step", step)
          .publishPercentiles(0.5, 0.95, 0.99)
          .register(registry));
    }
    this.thread = new Thread(this::run, "acp-web-pipeline-monitor");
    thread.setDaemon(true);
  }

  public PipelineMonitor start() {
    thread.start();
    return this;
  }

  /** Records committed to {@code topic} that this monitor has read. */
  public long count(String topic) {
    AtomicLong c = counts.get(topic);
    return c == null ? 0 : c.get();
  }

  /** Records per watched topic. */
  public Map<String, Long> counts() {
    Map<String, Long> m = new LinkedHashMap<>();
    counts.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** True once the monitor read up to where the topics were when it last looked. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public Optional<ItemInfo> item(String itemId) {
    return Optional.ofNullable(items.get(itemId));
  }

  public Optional<SegmentInfo> segment(String trackId, int index) {
    Map<Integer, SegmentInfo> t = tracks.get(trackId);
    return t == null ? Optional.empty() : Optional.ofNullable(t.get(index));
  }

  /** Each track with segments, its segments in order. */
  public Map<String, List<SegmentInfo>> tracks() {
    Map<String, List<SegmentInfo>> m = new LinkedHashMap<>();
    tracks.forEach((k, v) -> m.put(k, new ArrayList<>(new TreeMap<>(v).values())));
    return m;
  }

  public Set<String> images() {
    return Set.copyOf(images);
  }

  public List<DeadLetterInfo> recentDeadLetters() {
    synchronized (recentDeadLetters) {
      return List.copyOf(recentDeadLetters);
    }
  }

  private void run() {
    Map<String, Deserializer<?>> values = new LinkedHashMap<>();
    WATCHED.forEach(t -> values.put(t.name(), t.valueSerde(serdes).deserializer()));
    Set<TopicPartition> assigned = new HashSet<>();
    long nextAssignmentCheck = 0;
    try {
      while (running) {
        if (System.currentTimeMillis() >= nextAssignmentCheck) {
          assign(assigned);
          nextAssignmentCheck = System.currentTimeMillis() + 5_000;
        }
        if (assigned.isEmpty()) {
          Thread.sleep(200);
          continue;
        }
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> r : records) {
          try {
            Object value = r.value() == null ? null : values.get(r.topic()).deserialize(r.topic(), r.value());
            if (value != null) {
              observe(r.key(), value, r.timestamp());
            }
          } catch (RuntimeException e) {
            LOG.warn("{}-{}@{}: cannot read the record: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
          } finally {
            // Counted after its details are kept: a reader that sees the count also sees the record.
            counts.get(r.topic()).incrementAndGet();
          }
        }
        if (records.isEmpty()) {
          caughtUp = true;
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn("the pipeline monitor stopped: {}", e.toString());
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void assign(Set<TopicPartition> assigned) {
    List<TopicPartition> fresh = new ArrayList<>();
    for (TopicSpec<String, ?> t : WATCHED) {
      try {
        consumer.partitionsFor(t.name(), Duration.ofSeconds(2)).forEach(p -> {
          TopicPartition tp = new TopicPartition(p.topic(), p.partition());
          if (!assigned.contains(tp)) {
            fresh.add(tp);
          }
        });
      } catch (RuntimeException e) {
        LOG.debug("no metadata for {} yet: {}", t.name(), e.toString());
      }
    }
    if (!fresh.isEmpty()) {
      assigned.addAll(fresh);
      consumer.assign(assigned);
      consumer.seekToBeginning(fresh);
      caughtUp = false;
    }
  }

  private void observe(String key, Object value, long timestamp) {
    if (value instanceof ImageFeatures f) {
      images.add(f.getMediaId());
      latency("image-features", f.getUploadedAt(), f.getExtractedAt());
    } else if (value instanceof MusicSegmentFeatures f) {
      if (tracks.size() < MAX_ITEMS) {
        tracks.computeIfAbsent(f.getTrackId(), t -> new ConcurrentHashMap<>()).put(f.getSegmentIndex(),
            new SegmentInfo(f.getTrackId(), f.getSegmentIndex(), f.getStartSeconds(), f.getDurationSeconds(),
                f.getPartial(), f.getPairingKey()));
      }
      latency("music-segment", f.getSourceTimestamp(), f.getExtractedAt());
    } else if (value instanceof Embedding e) {
      String id = key != null ? key : e.getItemId();
      if (items.size() < MAX_ITEMS || items.containsKey(id)) {
        items.put(id, new ItemInfo(id, e.getKind(), e.getPairingKey(), e.getSegmentIndex(), e.getEmotion(),
            e.getModelVersion()));
      }
    } else if (value instanceof CorrespondenceScore s) {
      if (s.getScoredAt().toEpochMilli() >= startedAt) {
        stepLatency.get("pair-score").record(Math.max(0, s.getLatencyMs()), TimeUnit.MILLISECONDS);
      }
    } else if (value instanceof DeadLetter d) {
      registry.counter("acp.dead.letters", "reason", d.getReason(), "source", d.getSourceTopic()).increment();
      synchronized (recentDeadLetters) {
        recentDeadLetters.addFirst(new DeadLetterInfo(d.getSourceTopic(), d.getKey() == null ? null
            : d.getKey() instanceof CharSequence c ? c.toString() : "(bytes)", d.getReason(),
            d.getErrorMessage(), d.getFailedAt()));
        while (recentDeadLetters.size() > RECENT_DEAD_LETTERS) {
          recentDeadLetters.removeLast();
        }
      }
    }
  }

  /** Only what happened since this monitor started: old records would skew a live latency. */
  private void latency(String step, Instant from, Instant to) {
    if (from != null && to != null && to.toEpochMilli() >= startedAt) {
      stepLatency.get(step).record(Duration.between(from, to).isNegative() ? Duration.ZERO : Duration.between(from, to));
    }
  }

  @Override
  public void close() {
    running = false;
    if (!thread.isAlive()) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
