package dev.acpstream.deploy;

import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.Keys;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;

/**
 * One run of the failure drill: two topology instances (separate JVMs, one {@code application.id})
 * share the work; the sample songs stream in as live 1-s chunks; halfway through, the instance
 * holding most of the tracks is killed with SIGKILL and started again on its state directory;
 * then every expected output record is counted, read_committed: each segment and each score of a
 * segment with a photo under its track's pairing key must arrive exactly once.
 */
final class KillScenario {

  /** Photos under each track's pairing key: every segment must be scored this many times, once each. */
  static final int PHOTOS_PER_TRACK = 2;

  private static final SerdeConfig SERDES = SerdeConfig.singleObject();

  /** Rounds of chunks (each track's last seconds and end of stream) sent only after the kill. */
  private static final int HELD_BACK_ROUNDS = 5;

  /** One output topic's count: the keys expected once each against what arrived, read_committed. */
  record Tally(int expected, int received, int lost, int duplicated, int unexpected, Map<String, Integer> countsByKey) {

    static Tally of(Set<String> expected, Map<String, Integer> byKey) {
      int received = byKey.values().stream().mapToInt(Integer::intValue).sum();
      int lost = (int) expected.stream().filter(k -> !byKey.containsKey(k)).count();
      int duplicated = byKey.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
      int unexpected = (int) byKey.keySet().stream().filter(k -> !expected.contains(k)).count();
      return new Tally(expected.size(), received, lost, duplicated, unexpected, byKey);
    }

    boolean exactlyOnce() {
      return lost == 0 && duplicated == 0 && unexpected == 0 && received == expected;
    }

    String line() {
      return String.format("%d expected, %d received, lost %d, duplicated %d, unexpected %d",
          expected, received, lost, duplicated, unexpected);
    }
  }

  /** What one run measured: the segments (features.music-segment) and their scores (scores.correspondence). */
  record Figures(int run, int tracks, int photos, int chunksSent, int chunksSentAtKill, Tally segments, Tally scores,
      int deadLetters, String killed, int tracksOnKilled, long recoveryMs, long wallMs) {

    boolean exactlyOnce() {
      return segments.exactlyOnce() && scores.exactlyOnce() && deadLetters == 0;
    }

    String line() {
      return String.format(
          "run %d: %d tracks, %d photos, %d chunks (killed after %d); segments: %s; scores: %s; dead letters %d; "
              + "killed %s (it owned %d track(s)), ready again after %.1f s, run %.1f s",
          run, tracks, photos, chunksSent, chunksSentAtKill, segments.line(), scores.line(), deadLetters, killed,
          tracksOnKilled, recoveryMs / 1e3, wallMs / 1e3);
    }
  }

  /**
   * How the drill runs.
   *
   * @param instanceConfig written to a file the instances read through ACP_CONFIG_FILE (empty: none)
   */
  record Settings(List<Path> songs, double secondsPerSong, Duration chunkInterval, Duration outputTimeout,
      Map<String, String> instanceConfig) {

    Settings withInstanceConfig(Map<String, String> config) {
      return new Settings(songs, secondsPerSong, chunkInterval, outputTimeout, Map.copyOf(config));
    }
  }

  private final String bootstrapServers;
  private final Path workDir;
  private final Settings settings;

  KillScenario(String bootstrapServers, Path workDir, Settings settings) {
    this.bootstrapServers = bootstrapServers;
    this.workDir = workDir;
    this.settings = settings;
  }

  Figures run(int run) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    String prefix = "run" + run + "-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    List<SongClips.Clip> clips = SongClips.load(settings.songs(), prefix, settings.secondsPerSong());
    List<ImageUpload> photos = SoakPhotos.forClips(clips, prefix, PHOTOS_PER_TRACK);
    String applicationId = "acp-soak-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path runDir = workDir.resolve("run-" + run);
    Map<String, Integer> ports = new HashMap<>();
    ports.put("a", freePort());
    ports.put("b", freePort());
    Map<String, InstanceProcess> instances = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      for (String name : List.of("a", "b")) {
        instances.put(name, start(name, applicationId, runDir, ports.get(name)));
      }
      for (InstanceProcess i : instances.values()) {
        i.awaitReady(Duration.ofSeconds(120));
      }
      // The first instance was RUNNING alone before the second joined; wait until both settled.
      awaitBothRunning(instances.values(), Duration.ofSeconds(120));

      int rounds = clips.stream().mapToInt(c -> c.chunks().size()).max().orElse(0);
      int armRound = rounds / 2;
      java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
      Kill kill = new Kill(instances, applicationId, runDir, ports, sent);
      sendPhotos(photos);
      try (KafkaProducer<String, AudioChunk> producer = producer();
          OutputWatch watch = new OutputWatch(bootstrapServers, Topics.FEATURES_MUSIC_SEGMENT.name())) {
        // The last rounds wait for the kill, so it always lands mid-stream: tracks still open, their
        // last chunks and end of stream not yet sent, however far processing lags behind.
        int holdFrom = rounds - HELD_BACK_ROUNDS;
        for (int round = 0; round < rounds; round++) {
          if (round == armRound) {
            // Halfway: pick the instance with most tracks and kill it the moment it writes one of
            // their segments, inside its still open transaction.
            Victim v = victim(instances, clips);
            watch.arm(key -> v.trackIds().stream().anyMatch(t -> key.startsWith(t + ":")),
                key -> kill.fire(v, "at its output " + key));
          }
          if (round == holdFrom) {
            producer.flush();
            if (!kill.awaitFired(Duration.ofSeconds(120))) {
              kill.fire(victim(instances, clips), "before the last chunks (no output of its tracks seen)");
            }
          }
          for (SongClips.Clip c : clips) {
            if (round < c.chunks().size()) {
              AudioChunk chunk = c.chunks().get(round);
              producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), chunk.getTrackId(), chunk));
              sent.incrementAndGet();
            }
          }
          Thread.sleep(settings.chunkInterval().toMillis());
        }
        producer.flush();
      }
      long recoveryMs = kill.recovery().join();

      Set<String> expectedSegments = new TreeSet<>();
      Set<String> expectedScores = new TreeSet<>();
      for (SongClips.Clip c : clips) {
        expectedSegments.addAll(c.expectedKeys());
        expectedScores.addAll(SoakPhotos.expectedScoreKeys(c, photos));
      }
      Tally segments = Tally.of(expectedSegments,
          count(Topics.FEATURES_MUSIC_SEGMENT, KillScenario::recordKey, prefix, expectedSegments).byKey());
      Tally scores = Tally.of(expectedScores,
          count(Topics.SCORES_CORRESPONDENCE, KillScenario::scoredPair, prefix, expectedScores).byKey());
      Count letters = count(Topics.ERRORS_DEAD_LETTER, KillScenario::deadLetterKey, prefix, Set.of());
      return new Figures(run, clips.size(), photos.size(), sent.get(), kill.sentAtKill(), segments, scores,
          letters.total(), kill.description(), kill.victim().trackIds().size(), recoveryMs,
          (System.nanoTime() - t0) / 1_000_000);
    } finally {
      for (InstanceProcess i : instances.values()) {
        i.close();
      }
    }
  }

  private InstanceProcess start(String name, String applicationId, Path runDir, int healthPort) {
    Map<String, String> env = new HashMap<>();
    // The same variables a container gets (deploy/compose, deploy/k8s).
    env.put("ACP_APPLICATION_ID", applicationId);
    env.put("ACP_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("ACP_STATE_DIR", runDir.resolve("state-" + name).toAbsolutePath().toString());
    env.put("ACP_HEALTH_PORT", String.valueOf(healthPort));
    env.put("ACP_NUM_STREAM_THREADS", "1");
    env.put("ACP_COMMIT_INTERVAL_MS", "200");
    // Kafka Streams does not leave the group on a kill: a short session hands the dead member's
    // partitions over in seconds, not 45 s.
    env.put("ACP_CONSUMER_SESSION_TIMEOUT_MS", "6000");
    // Longer than any recovery here: a track must not be closed as idle while its owner restarts.
    env.put("ACP_AUDIO_IDLE_TIMEOUT_MS", "300000");
    if (!settings.instanceConfig().isEmpty()) {
      Path file = runDir.resolve("instance.properties");
      try {
        java.nio.file.Files.createDirectories(runDir);
        StringBuilder text = new StringBuilder();
        settings.instanceConfig().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        java.nio.file.Files.writeString(file, text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      env.put(ServiceEnvironment.CONFIG_FILE_ENV, file.toAbsolutePath().toString());
    }
    return InstanceProcess.start(name, env, healthPort, runDir.resolve("instance-" + name + ".log"));
  }

  private static void awaitBothRunning(Iterable<InstanceProcess> instances, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      boolean bothHaveTasks = true;
      for (InstanceProcess i : instances) {
        var r = i.ready();
        all &= r.isPresent() && r.get().statusCode() == 200;
        bothHaveTasks &= r.isPresent() && r.get().body().contains("\"activeTasks\":[\"");
      }
      if (all && bothHaveTasks) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the two instances did not both run with tasks within " + timeout);
  }

  private record Victim(String name, List<String> trackIds) {}

  /** Kills the victim once (SIGKILL) and starts it again on the same state directory and port. */
  private final class Kill {
    private final Map<String, InstanceProcess> instances;
    private final String applicationId;
    private final Path runDir;
    private final Map<String, Integer> ports;
    private final java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
    private volatile Victim victim;
    private volatile String description = "";
    private volatile CompletableFuture<Long> recovery;
    private volatile int sentAtKill;
    private final java.util.concurrent.atomic.AtomicInteger sent;

    Kill(Map<String, InstanceProcess> instances, String applicationId, Path runDir, Map<String, Integer> ports,
        java.util.concurrent.atomic.AtomicInteger sent) {
      this.sent = sent;
      this.instances = instances;
      this.applicationId = applicationId;
      this.runDir = runDir;
      this.ports = ports;
    }

    synchronized void fire(Victim v, String when) {
      if (fired.getCount() == 0) {
        return;
      }
      InstanceProcess old = instances.get(v.name());
      old.kill9();
      long killedAt = System.nanoTime();
      victim = v;
      description = v.name() + " (pid " + old.pid() + ") " + when;
      sentAtKill = sent.get();
      InstanceProcess restarted = start(v.name(), applicationId, runDir, ports.get(v.name()));
      instances.put(v.name(), restarted);
      recovery = CompletableFuture.supplyAsync(() -> {
        restarted.awaitReady(Duration.ofSeconds(180));
        return (System.nanoTime() - killedAt) / 1_000_000;
      });
      fired.countDown();
    }

    boolean awaitFired(Duration timeout) throws InterruptedException {
      return fired.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    Victim victim() {
      return victim;
    }

    int sentAtKill() {
      return sentAtKill;
    }

    String description() {
      return description;
    }

    CompletableFuture<Long> recovery() {
      return recovery;
    }
  }

  /** The instance whose active audio tasks (sub-topology 0) hold the most tracks. */
  private static Victim victim(Map<String, InstanceProcess> instances, List<SongClips.Clip> clips) {
    int partitions = Topics.MEDIA_AUDIO_CHUNKS.partitions();
    Victim best = null;
    for (var e : instances.entrySet()) {
      String body = e.getValue().ready().map(r -> r.body()).orElse("");
      List<String> tracks = new ArrayList<>();
      for (SongClips.Clip c : clips) {
        int p = Utils.toPositive(Utils.murmur2(c.trackId().getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
        if (body.contains("\"0_" + p + "\"")) {
          tracks.add(c.trackId());
        }
      }
      if (best == null || tracks.size() > best.trackIds().size()) {
        best = new Victim(e.getKey(), tracks);
      }
    }
    return best;
  }

  private record Count(Map<String, Integer> byKey, int total) {}

  /**
   * Reads {@code topic} from the start, read_committed, counting records by {@code keyOf} whose
   * key starts with {@code prefix}, until every {@code expected} key is
   * there and the consumer has reached the end of every partition, or the timeout passes.
   */
  private Count count(TopicSpec<String, ?> topic, Function<ConsumerRecord<String, byte[]>, String> keyOf, String prefix,
      Set<String> expected) {
    Map<String, Integer> byKey = new TreeMap<>();
    int total = 0;
    Map<String, Object> c = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "soak-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(c, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + settings.outputTimeout().toNanos();
      boolean complete = false;
      while (System.nanoTime() < deadline && !complete) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String key = keyOf.apply(r);
          if (key != null && key.startsWith(prefix)) {
            byKey.merge(key, 1, Integer::sum);
            total++;
          }
        }
        // Complete: all expected keys seen and nothing committed left unread (position = LSO).
        if (byKey.keySet().containsAll(expected)) {
          Map<TopicPartition, Long> end = consumer.endOffsets(parts);
          complete = parts.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        }
      }
    }
    return new Count(byKey, total);
  }

  private static String recordKey(ConsumerRecord<String, byte[]> r) {
    return r.key();
  }

  /** A score counts under the pair it scored: segment key x image id. */
  private static String scoredPair(ConsumerRecord<String, byte[]> r) {
    CorrespondenceScore s = Topics.SCORES_CORRESPONDENCE.valueSerde(SERDES).deserializer()
        .deserialize(r.topic(), r.value());
    if (s.getMusicSegmentIndex() == null) {
      return s.getMusicId() + " (whole track) x " + s.getImageId();
    }
    return SoakPhotos.scoreKey(Keys.segment(s.getMusicId().toString(), s.getMusicSegmentIndex()), s.getImageId().toString());
  }

  /** A dead letter counts under the failed record's key. */
  private static String deadLetterKey(ConsumerRecord<String, byte[]> r) {
    DeadLetter d = Topics.ERRORS_DEAD_LETTER.valueSerde(SERDES).deserializer().deserialize(r.topic(), r.value());
    return d.getKey() instanceof CharSequence s ? s.toString() : null;
  }

  private void sendPhotos(List<ImageUpload> photos) {
    try (KafkaProducer<String, ImageUpload> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20),
        Topics.MEDIA_IMAGES.keySerde(SERDES).serializer(), Topics.MEDIA_IMAGES.valueSerde(SERDES).serializer())) {
      for (ImageUpload u : photos) {
        producer.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), u.getMediaId().toString(), u));
      }
      producer.flush();
    }
  }

  private KafkaProducer<String, AudioChunk> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20,
            ProducerConfig.LINGER_MS_CONFIG, 5),
        Topics.MEDIA_AUDIO_CHUNKS.keySerde(SERDES).serializer(),
        Topics.MEDIA_AUDIO_CHUNKS.valueSerde(SERDES).serializer());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
