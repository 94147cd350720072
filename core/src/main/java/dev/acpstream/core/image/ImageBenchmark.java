package dev.acpstream.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Throughput of image decoding and of each backbone, batch 1 and 16, 1 and 2 threads; for a SavedModel also the
 * bare DJL session run on preprocessed input, to hold against TF Java's own run of the same model
 * ({@code SavedModelFixture bench}). Prints one line per measurement.
 *
 * <pre>java -cp ... dev.acpstream.core.image.ImageBenchmark IMAGES_DIR SECONDS [SAVED_MODEL_DIR [bare BATCH THREADS]]</pre>
 * ({@code bare}: only the DJL session run, in a fresh JVM like TF Java's, for the overhead comparison).
 */
public final class ImageBenchmark {

  private ImageBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path imagesDir = Path.of(args.length > 0 ? args[0] : "samples/images");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    Path model = args.length > 2 ? Path.of(args[2]) : null;

    List<Path> files;
    try (Stream<Path> list = Files.list(imagesDir)) {
      files = list.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    ImageDecoder decoder = new ImageDecoder();
    List<DecodedImage> images = new ArrayList<>();
    for (Path f : files) {
      images.add(decoder.decode(f));
    }
    System.out.printf(Locale.ROOT, "# %d images of %dx%d from %s; %d available processors%n", images.size(),
        images.get(0).width(), images.get(0).height(), imagesDir, Runtime.getRuntime().availableProcessors());

    byte[][] encoded = new byte[files.size()][];
    for (int i = 0; i < files.size(); i++) {
      encoded[i] = Files.readAllBytes(files.get(i));
    }
    boolean onlyBareRun = args.length > 3 && args[3].equals("bare");
    if (!onlyBareRun) {
      measure(Math.min(1, seconds / 4), 1, 1, i -> decodeQuietly(decoder, encoded[i % encoded.length]));
    }
    for (int threads = 1; threads <= 2 && !onlyBareRun; threads++) {
      report("decode jpeg", 1, threads,
          measure(seconds, threads, 1, i -> decodeQuietly(decoder, encoded[i % encoded.length])));
    }
    try (Backbones backbones = new Backbones()) {
      if (!onlyBareRun) {
        bench(backbones.get("affect"), images, seconds);
      }
      if (model != null) {
        TfImageBackbone tf = (TfImageBackbone) backbones.get(new BackboneSpec.TensorFlow(model.toAbsolutePath()));
        if (!onlyBareRun) {
          bench(tf, images, seconds);
        }
        if (onlyBareRun) {
          int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1;
          int threads = args.length > 5 ? Integer.parseInt(args[5]) : 1;
          benchBareRun(tf, seconds, batch, threads);
        }
      }
    }
  }

  private static void bench(ImageBackbone backbone, List<DecodedImage> images, double seconds) throws Exception {
    String name = backbone.id().startsWith("tf:") ? "tf (preprocess+infer)" : backbone.id();
    for (int batch : new int[] {1, 16}) {
      List<DecodedImage> input = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        input.add(images.get(i % images.size()));
      }
      measure(Math.min(1, seconds / 4), 1, batch, i -> backbone.features(input)); // JIT warm-up
      for (int threads = 1; threads <= 2; threads++) {
        report(name, batch, threads, measure(seconds, threads, batch, i -> backbone.features(input)));
      }
    }
  }

  /**
   * Only the session run, as TF Java's {@code SavedModelFixture bench} does it: one copy of the input into a TF
   * tensor (there from a float[], here from a direct buffer), the run, one copy of the output into a float[].
   */
  private static void benchBareRun(TfImageBackbone tf, double seconds, int batch, int threads) throws Exception {
    java.nio.ByteBuffer input = TfImageBackbone.directFloats(batch * tf.preprocessor().valuesPerImage());
    java.nio.FloatBuffer floats = input.asFloatBuffer();
    Random random = new Random(7);
    for (int i = 0; i < floats.capacity(); i++) {
      floats.put(i, random.nextFloat() * 2 - 1);
    }
    for (int i = 0; i < 3; i++) {
      tf.run(input, batch, "bench");
    }
    report("djl session run", batch, threads, measure(seconds, threads, batch, i -> tf.run(input, batch, "bench")));
  }

  private static void decodeQuietly(ImageDecoder decoder, byte[] jpeg) {
    try {
      decoder.decode("bench", jpeg);
    } catch (ImageDecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Wall-clock rate and rate per CPU-second of the whole process (TF's own threads included). */
  private record Rate(double perSecond, double perCpuSecond) {}

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Rate measure(double seconds, int threads, int perCall, IntConsumer call) throws Exception {
    AtomicLong done = new AtomicLong();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        int i = 0;
        while (System.nanoTime() < end) {
          call.accept(i++);
          done.addAndGet(perCall);
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    return new Rate(done.get() / wall, done.get() / cpu);
  }

  private static void report(String what, int batch, int threads, Rate rate) {
    System.out.printf(Locale.ROOT, "%-22s batch=%-2d threads=%d images/s=%.1f images/cpu-s=%.1f%n", what, batch,
        threads, rate.perSecond(), rate.perCpuSecond());
  }
}
