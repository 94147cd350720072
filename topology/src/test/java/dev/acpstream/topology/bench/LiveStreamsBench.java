package dev.acpstream.topology.bench;

import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.BrokerFixture;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TestImages;
import dev.acpstream.topology.TestModels;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.WindowingProbe;
import dev.acpstream.topology.model.ModelRecords;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How many concurrent real-time audio streams the whole topology sustains on this machine, and
 * the segment-end-to-score latency seen by a read_committed consumer: N tracks stream 1-s PCM
 * chunks at real-time pace (each second, every track sends its next second, staggered over the
 * second, their starts spread over one 5-s hop), grouped into pairing keys that already hold photos; every segment is scored against
 * its key's photos. Latency = when the consumer receives a score minus the producedAt of the
 * segment's last chunk (the segment's end). Then a burst of image uploads for images/s.
 *
 * <p>Run: {@code java -cp <topology test classpath> dev.acpstream.topology.bench.LiveStreamsBench
 * STREAMS SECONDS [paper|probe] [threads]}. The broker runs in the same JVM (it shares the cores).
 */
public final class LiveStreamsBench {

  private static final int KEYS = 10;
  private static final int PHOTOS_PER_KEY = 3;
  private static final List<String> PHOTOS = List.of("Autumn.jpg", "Kite.jpg", "Path.jpg");

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 70;
    boolean paper = args.length <= 2 || args[2].equals("paper");
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    WindowFeatureExtractor windows = paper ? WindowFeatureExtractors.paper193() : new WindowingProbe();
    float[] signal = TestAudio.signal(seconds, 11);
    int segmentsPerStream = seconds >= 70 ? 2 : 1;

    try (BrokerFixture kafka = BrokerFixture.start();
        KafkaProducer<String, AcpNetModel> models = kafka.producer(Topics.MODELS_ACPNET);
        KafkaProducer<String, ImageUpload> images = kafka.producer(Topics.MEDIA_IMAGES);
        KafkaProducer<String, AudioChunk> audio = kafka.producer(Topics.MEDIA_AUDIO_CHUNKS)) {
      models.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), ModelRecords.CHAMPION,
          TestModels.record(ModelRecords.CHAMPION, "bench", 1))).get();
      TopologyConfig base = kafka.config("acp-bench", Files.createTempDirectory("acp-bench"));
      Properties p = new Properties();
      p.putAll(base.passThrough());
      p.setProperty(TopologyConfig.APPLICATION_ID, "acp-bench");
      p.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
      p.setProperty(TopologyConfig.STATE_DIR, base.stateDir().toString());
      p.setProperty("num.stream.threads", String.valueOf(threads));
      p.setProperty("commit.interval.ms", System.getProperty("acp.bench.commit.ms", "100"));
      System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("acp.bench.streams."))
          .forEach(k -> p.setProperty(k.substring("acp.bench.streams.".length()), System.getProperty(k)));
      long now = System.currentTimeMillis();
      for (int k = 0; k < KEYS; k++) {
        for (int i = 0; i < PHOTOS_PER_KEY; i++) {
          String id = "k" + k + "-" + i;
          images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), id,
              TestImages.upload(id, "k" + k, PHOTOS.get(i % PHOTOS.size()), now)));
        }
      }
      images.flush();
      try (AcpStreamsApp app = new AcpStreamsApp(TopologyConfig.from(p, Map.of()), windows, new AffectBackbone()).start();
          KafkaConsumer<String, CorrespondenceScore> scores = new KafkaConsumer<>(Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ConsumerConfig.GROUP_ID_CONFIG, "bench-reader",
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
              ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
              // A read_committed fetch parked at the broker is not woken when a transaction
              // commits: it returns after fetch.max.wait.ms (500 by default) at the latest.
              ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, System.getProperty("acp.bench.reader.fetch.ms", "500")),
              Topics.SCORES_CORRESPONDENCE.keySerde(BrokerFixture.SERDES).deserializer(),
              Topics.SCORES_CORRESPONDENCE.valueSerde(BrokerFixture.SERDES).deserializer())) {
        BrokerFixture.waitUntilRunning(app.streams());
        kafka.readCommitted(Topics.EMBEDDINGS_IMAGE, KEYS * PHOTOS_PER_KEY, Duration.ofSeconds(120));
        scores.subscribe(List.of(Topics.SCORES_CORRESPONDENCE.name()));
        scores.poll(Duration.ofMillis(100));

        List<List<AudioChunk>> tracks = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
          List<AudioChunk> chunks = TestAudio.chunks("live-" + s, signal);
          for (AudioChunk c : chunks) {
            c.setPairingKey("k" + (s % KEYS));
          }
          tracks.add(chunks);
        }
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        int expectedScores = streams * segmentsPerStream * PHOTOS_PER_KEY;
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> scoredAfter = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // The reader polls on its own thread, all the time: reading only between sends would
        // round every latency up to the next send (0.5 s apart for 10 streams).
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = new Thread(() -> {
          while (reading.get()) {
            drain(scores, latencies, scoredAfter, seen, Duration.ofMillis(50));
          }
        }, "bench-reader");
        reader.start();
        int chunkCount = tracks.get(0).size();
        // Streams start spread over one 5-s hop, as independent listeners would: their windows
        // complete at different moments instead of all in the same second. Sends in time order.
        List<long[]> sends = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
          for (int i = 0; i < chunkCount; i++) {
            sends.add(new long[] {i * 1_000_000_000L + (long) s * 5_000_000_000L / streams, s, i});
          }
        }
        sends.sort((x, y) -> Long.compare(x[0], y[0]));
        for (long[] send : sends) {
          long wait = start + send[0] - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          AudioChunk c = tracks.get((int) send[1]).get((int) send[2]);
          c.setProducedAt(java.time.Instant.now());
          audio.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c));
        }
        audio.flush();
        long streamedNs = System.nanoTime() - start;
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(60, seconds)).toNanos();
        while (seen.size() < expectedScores && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        reading.set(false);
        reader.join();
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double wall = (System.nanoTime() - start) / 1e9;
        long[] l;
        long[] inPipeline;
        synchronized (latencies) {
          l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        synchronized (scoredAfter) {
          inPipeline = scoredAfter.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("streams=%d audio=%ds extractor=%s threads=%d keys=%d photos/key=%d%n",
            streams, seconds, paper ? "paper193" : "probe", threads, KEYS, PHOTOS_PER_KEY);
        System.out.printf("scores %d/%d (distinct pairs), streamed for %.1f s, all in after %.1f s, process CPU %.1f s (%.2f cores)%n",
            seen.size(), expectedScores, streamedNs / 1e9, wall, cpu, cpu / wall);
        if (l.length > 0) {
          System.out.printf("segment-end -> score (read_committed) ms: p50 %d  p90 %d  p99 %d  max %d  (n=%d)%n",
              pct(l, 50), pct(l, 90), pct(l, 99), l[l.length - 1], l.length);
        }
        if (inPipeline.length > 0) {
          // The score's own latency_ms: segment end -> scored, before the last transaction commits.
          System.out.printf("  of which segment-end -> scored (latency_ms field) ms: p50 %d  p90 %d  p99 %d%n",
              pct(inPipeline, 50), pct(inPipeline, 90), pct(inPipeline, 99));
        }
        System.out.printf("sustained: %s%n", seen.size() == expectedScores && l.length > 0 && pct(l, 99) <= 250
            ? "yes (p99 <= 250 ms)" : seen.size() == expectedScores ? "all scored, p99 above 250 ms" : "NO (scores missing)");

        // Images/s: a burst of uploads, until each has its top-K list (read_committed).
        int burst = 200;
        long b0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
          String id = "burst-" + i;
          images.send(new ProducerRecord<>(Topics.MEDIA_IMAGES.name(), id,
              TestImages.upload(id, "burst", PHOTOS.get(i % PHOTOS.size()), System.currentTimeMillis())));
        }
        images.flush();
        kafka.readCommitted(Topics.MATCHES_TOPK, "burst-", burst, Duration.ofSeconds(300));
        double bs = (System.nanoTime() - b0) / 1e9;
        System.out.printf("images: %d uploads -> features, embeddings, top-K in %.1f s = %.1f images/s%n", burst, bs, burst / bs);
      }
    }
  }

  private static void drain(KafkaConsumer<String, CorrespondenceScore> consumer, List<Long> latencies,
      List<Long> scoredAfter,
      Set<String> seen, Duration wait) {
    for (ConsumerRecord<String, CorrespondenceScore> r : consumer.poll(wait)) {
      CorrespondenceScore s = r.value();
      if (seen.add(s.getMusicId() + ":" + s.getMusicSegmentIndex() + "/" + s.getImageId())) {
        long segmentEnd = s.getScoredAt().toEpochMilli() - s.getLatencyMs();
        latencies.add(System.currentTimeMillis() - segmentEnd);
        scoredAfter.add(s.getLatencyMs());
      }
    }
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private LiveStreamsBench() {}
}
