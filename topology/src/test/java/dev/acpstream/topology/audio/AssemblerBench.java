package dev.acpstream.topology.audio;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TopologyHarness;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Per-chunk cost of the chunk assembler: CPU and changelog bytes per 1-s PCM chunk, N tracks
 * interleaved (one chunk of each track per round, like N live streams), in a TopologyTestDriver
 * with the real topology (exactly-once, RocksDB stores, changelog capture).
 *
 * <p>With {@code stub} (the default) the 193-d extractor is replaced by a stub that reads two
 * samples of the window and returns a constant-size vector: this isolates the assembler (decode,
 * reordering, state layout, RocksDB, changelog) from the paper's features, which cost far more. It
 * is used here only, never in a test. {@code paper193} runs the real extractor for comparison.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -o -pl topology -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -Dacp.no-registry
 * java -cp "topology/target/test-classes:topology/target/classes:$(cat topology/target/cp.txt)" \
 *     dev.acpstream.topology.audio.AssemblerBench [tracks=20] [seconds=70] [stub|paper193] [rate=22050] [chunk-ms=1000]
 * </pre>
 * CPU is the driver thread's (the processor runs in it) and the whole process's (GC and RocksDB
 * background threads included), over the piping only: reading the captured changelog is excluded.
 * A warm-up pass of 4 tracks runs first and is not counted.
 */
public final class AssemblerBench {

  private AssemblerBench() {}

  /** Cheap stand-in for the 193-d extractor: touches the window, returns 193 values. */
  private static final WindowFeatureExtractor STUB = w -> {
    float[] v = new float[MusicFeatures193.DIM];
    v[0] = w[0];
    v[1] = w[w.length - 1];
    v[2] = w.length;
    return v;
  };

  public static void main(String[] args) {
    int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 70;
    String extractor = args.length > 2 ? args[2] : "stub";
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : TestAudio.RATE;
    int chunkMs = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
    WindowFeatureExtractor windows = switch (extractor) {
      case "stub" -> STUB;
      case "paper193" -> AcpStreamsApp.paperWindowFeatures();
      default -> throw new IllegalArgumentException("extractor must be stub or paper193: " + extractor);
    };
    float[] y = TestAudio.signal(seconds, 1, rate);
    try (TopologyHarness h = new TopologyHarness(new Properties(), windows)) {
      run(h, "warm", 4, y, rate, chunkMs, new Totals());
      Totals t = new Totals();
      run(h, "bench", tracks, y, rate, chunkMs, t);
      // The same chunks again: each is a duplicate, dropped after the state lookup, so this is
      // the floor the driver itself costs (Avro in and out, the lookup, a commit per record).
      Totals floor = new Totals();
      run(h, "bench", tracks, y, rate, chunkMs, floor);
      System.out.printf("extractor=%s rate=%d chunk=%dms tracks=%d audio=%ds chunks=%d segments=%d%n",
          extractor, rate, chunkMs, tracks, seconds, t.chunks, t.segments);
      System.out.printf("  CPU per chunk: driver thread %.3f ms, process %.3f ms; wall %.3f ms%n",
          t.threadNs / 1e6 / t.chunks, t.processNs / 1e6 / t.chunks, t.wallNs / 1e6 / t.chunks);
      System.out.printf("  floor (the same chunks again, dropped as duplicates): driver thread %.3f ms, process %.3f ms%n",
          floor.threadNs / 1e6 / floor.chunks, floor.processNs / 1e6 / floor.chunks);
      long bytes = 0;
      for (Map.Entry<String, long[]> e : t.changelog.entrySet()) {
        bytes += e.getValue()[1];
        System.out.printf("  %-48s %8.2f records/chunk %10.0f bytes/chunk%n",
            e.getKey(), (double) e.getValue()[0] / t.chunks, (double) e.getValue()[1] / t.chunks);
      }
      System.out.printf("  changelog total: %.0f bytes/chunk (%.1f MB for the run)%n",
          (double) bytes / t.chunks, bytes / 1e6);
    }
  }

  /** {@code chunkMs} chunks of {@code y}, the last one marked end of stream. */
  private static List<AudioChunk> chunks(String trackId, float[] y, int rate, int chunkMs) {
    int frames = (int) ((long) rate * chunkMs / 1000);
    List<AudioChunk> out = new ArrayList<>();
    long seq = 0;
    for (int from = 0; from < y.length; from += frames) {
      int to = Math.min(y.length, from + frames);
      out.add(TestAudio.builder(trackId, seq++, java.util.Arrays.copyOfRange(y, from, to), to == y.length)
          .setSampleRate(rate).build());
    }
    return out;
  }

  private static final class Totals {
    long chunks;
    long segments;
    long threadNs;
    long processNs;
    long wallNs;
    /** Changelog topic -> {records, key + value bytes}. */
    final Map<String, long[]> changelog = new TreeMap<>();
  }

  private static void run(TopologyHarness h, String prefix, int tracks, float[] y, int rate, int chunkMs, Totals t) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<List<AudioChunk>> perTrack = new ArrayList<>();
    for (int i = 0; i < tracks; i++) {
      perTrack.add(chunks(prefix + "-" + i, y, rate, chunkMs));
    }
    int rounds = perTrack.get(0).size();
    for (int r = 0; r < rounds; r++) {
      long thread0 = threads.getCurrentThreadCpuTime();
      long process0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      for (List<AudioChunk> track : perTrack) {
        h.send(track.get(r));
      }
      t.wallNs += System.nanoTime() - wall0;
      t.threadNs += threads.getCurrentThreadCpuTime() - thread0;
      t.processNs += os.getProcessCpuTime() - process0;
      t.chunks += tracks;
      // Drain what the driver captured, so a long run does not keep every changelog record.
      t.segments += h.segments.readRecordsToList().size();
      h.deadLetters.readRecordsToList();
      for (String topic : h.driver.producedTopicNames()) {
        if (topic.endsWith("-changelog")) {
          TestOutputTopic<byte[], byte[]> out =
              h.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
          long[] acc = t.changelog.computeIfAbsent(topic, k -> new long[2]);
          for (TestRecord<byte[], byte[]> rec : out.readRecordsToList()) {
            acc[0]++;
            acc[1] += (rec.key() == null ? 0 : rec.key().length) + (rec.value() == null ? 0 : rec.value().length);
          }
        }
      }
    }
  }
}
