package dev.acpstream.tools.savedmodel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Command line of the fixture, run in its own JVM by tests and by the image benchmark.
 *
 * <pre>
 * build DIR [SEED]                         write the Inception-shaped SavedModel
 * run DIR IN.f32 OUT.f32                   TF Java's own forward pass; IN is [N,299,299,3], OUT [N,2048],
 *                                          both raw little-endian float32
 * bench DIR BATCH THREADS SECONDS          images/s of TF Java on that model (random input)
 * </pre>
 */
public final class SavedModelFixture {

  private SavedModelFixture() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      usage();
    }
    switch (args[0]) {
      case "build" -> InceptionShapedModel.export(args[1], args.length > 2 ? Long.parseLong(args[2]) : 42L);
      case "run" -> run(args[1], Path.of(args[2]), Path.of(args[3]));
      case "bench" -> bench(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Double.parseDouble(args[4]));
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: build DIR [SEED] | run DIR IN.f32 OUT.f32 | bench DIR BATCH THREADS SECONDS");
    System.exit(2);
  }

  private static final int PIXELS = InceptionShapedModel.SIZE * InceptionShapedModel.SIZE * 3;

  private static void run(String dir, Path in, Path out) throws IOException {
    float[] input = readFloats(in);
    int n = input.length / PIXELS;
    try (SavedModelBundle bundle = SavedModelBundle.load(dir, SavedModelBundle.DEFAULT_TAG)) {
      float[] output = forward(bundle.function(InceptionShapedModel.SIGNATURE), input, n);
      writeFloats(out, output);
    }
  }

  static float[] forward(SessionFunction function, float[] input, int n) {
    Shape shape = Shape.of(n, InceptionShapedModel.SIZE, InceptionShapedModel.SIZE, 3);
    try (TFloat32 x = TFloat32.tensorOf(shape, DataBuffers.of(input, true, false));
        Result result = function.call(Map.of(InceptionShapedModel.INPUT, x))) {
      TFloat32 y = (TFloat32) result.get(InceptionShapedModel.OUTPUT).orElseThrow();
      float[] output = new float[(int) y.shape().size()];
      y.copyTo(DataBuffers.of(output, false, false));
      return output;
    }
  }

  private static void bench(String dir, int batch, int threads, double seconds) throws Exception {
    float[] input = new float[batch * PIXELS];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextFloat() * 2 - 1;
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(dir, SavedModelBundle.DEFAULT_TAG)) {
      SessionFunction function = bundle.function(InceptionShapedModel.SIGNATURE);
      for (int i = 0; i < 3; i++) {
        forward(function, input, batch);
      }
      AtomicLong images = new AtomicLong();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          while (System.nanoTime() < end) {
            forward(function, input, batch);
            images.addAndGet(batch);
          }
        });
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      System.out.printf(java.util.Locale.ROOT, "%-22s batch=%-2d threads=%d images/s=%.1f images/cpu-s=%.1f%n",
          "tfjava session run", batch, threads, images.get() / elapsed, images.get() / cpu);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static float[] readFloats(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  private static void writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    Files.write(file, bytes.array());
  }
}
