package dev.acpstream.core.audio;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmarks for decoding, resampling and the whole 193-d pass; a command, not a test (surefire
 * does not run it). From the repository root, after {@code mvn -q -pl core -am test-compile}:
 *
 * <pre>
 * CP=core/target/test-classes:core/target/classes:$(mvn -q -pl core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * java -cp $CP dev.acpstream.core.audio.AudioBench decode ../shared/data/4q [threads]
 * java -cp $CP dev.acpstream.core.audio.AudioBench resample 44100 [seconds]
 * java -cp $CP dev.acpstream.core.audio.AudioBench features ../shared/data/4q [threads] [maxFiles]
 * </pre>
 */
public final class AudioBench {

  private AudioBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: AudioBench decode DIR [threads] | resample RATE [seconds] | features DIR [threads] [maxFiles]");
      System.exit(2);
    }
    switch (args[0]) {
      case "decode" -> decode(Path.of(args[1]), arg(args, 2, 1), Integer.MAX_VALUE, false);
      case "features" -> decode(Path.of(args[1]), arg(args, 2, 1), arg(args, 3, Integer.MAX_VALUE), true);
      case "resample" -> resample(Integer.parseInt(args[1]), arg(args, 2, 600));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static int arg(String[] a, int i, int dflt) {
    return a.length > i ? Integer.parseInt(a[i]) : dflt;
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static List<Path> audioFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches("(?i).*\\.(mp3|wav|flac|ogg)$"))
          .sorted()
          .toList();
    }
  }

  /** Each file on one thread; {@code threads} files at a time. */
  private static void decode(Path dir, int threads, int maxFiles, boolean features) throws Exception {
    List<Path> files = audioFiles(dir);
    files = files.subList(0, Math.min(maxFiles, files.size()));
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no audio files under " + dir);
    }
    WindowFeatureExtractor paper = features ? WindowFeatureExtractors.paper193() : null;
    if (features) {
      // one window to load classes and warm the JIT a little before timing
      paper.extract(new float[MusicFeatures193.SAMPLE_RATE * 10]);
    }
    AtomicLong samples = new AtomicLong();
    AtomicLong segments = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double cpu0 = cpuSeconds();
    long t0 = System.nanoTime();
    List<Future<?>> jobs = new ArrayList<>();
    for (Path f : files) {
      jobs.add(pool.submit(() -> {
        if (features) {
          MusicFeatureExtractor x = new MusicFeatureExtractor(paper, DecodeLimits.DEFAULT);
          segments.addAndGet(x.extract(f, (b, o, n) -> samples.addAndGet(n)).size());
        } else {
          AudioInput.stream(f, DecodeLimits.DEFAULT, (b, o, n) -> samples.addAndGet(n));
        }
        return null;
      }));
    }
    for (Future<?> j : jobs) {
      j.get();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = cpuSeconds() - cpu0;
    pool.shutdown();
    double minutes = samples.get() / (double) MusicFeatures193.SAMPLE_RATE / 60;
    System.out.printf(Locale.ROOT,
        "%s: %d files, %.1f min of audio, %d threads: wall %.1f s, CPU %.1f s, %.4f CPU s per minute of audio, %.0fx real time%s%n",
        features ? "decode+193-d features" : "decode+resample to 22050 mono", files.size(), minutes, threads, wall, cpu,
        cpu / minutes, minutes * 60 / wall, features ? ", " + segments.get() + " segments" : "");
  }

  private static void resample(int rate, int seconds) {
    Random r = new Random(1);
    float[] block = new float[rate];
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) r.nextGaussian() * 0.1f;
    }
    for (int round = 0; round < 2; round++) {
      Resampler rs = new Resampler(rate, MusicFeatures193.SAMPLE_RATE);
      long[] out = {0};
      double cpu0 = cpuSeconds();
      long t0 = System.nanoTime();
      for (int s = 0; s < seconds; s++) {
        rs.process(block, 0, block.length, (b, o, n) -> out[0] += n);
      }
      rs.finish((b, o, n) -> out[0] += n);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds() - cpu0;
      System.out.printf(Locale.ROOT, "%s resample %d -> 22050 Hz, %d s of audio: wall %.2f s, %.4f CPU s per minute of audio%n",
          round == 0 ? "warm-up" : "timed", rate, seconds, wall, cpu / (seconds / 60.0));
    }
  }
}
