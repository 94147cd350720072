package dev.acpstream.tools.savedmodel;

import java.io.IOException;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A small random conv net with Inception-V3's serving signature: input {@code [N,299,299,3]} float, output
 * {@code [N,2048]} float. It stands in for the real backbone, whose ImageNet weights cannot be had offline;
 * what matters to the tests is the signature and that the numbers are not trivial.
 */
final class InceptionShapedModel {

  static final String SIGNATURE = "serving_default";
  static final String INPUT = "input_1";
  static final String OUTPUT = "avg_pool";
  static final int SIZE = 299;
  static final int DIM = 2048;

  private InceptionShapedModel() {}

  /** Writes the SavedModel (tag {@code serve}) into {@code dir}, weights drawn from {@code seed}. */
  static void export(String dir, long seed) throws IOException {
    Random random = new Random(seed);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images =
          tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
      Operand<TFloat32> x = convRelu(tf, images, 3, 16, random);
      x = convRelu(tf, x, 16, 32, random);
      x = convRelu(tf, x, 32, 64, random);
      Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}));
      Operand<TFloat32> dense = tf.linalg.matMul(pooled, tf.variable(constant(tf, random, 0.2f, 64, DIM)));
      Operand<TFloat32> features =
          tf.withName(OUTPUT).nn.relu(tf.math.add(dense, tf.variable(constant(tf, random, 0.05f, DIM))));
      session.initialize();
      Signature signature = Signature.builder().key(SIGNATURE).input(INPUT, images).output(OUTPUT, features).build();
      SavedModelBundle.exporter(dir).withFunction(SessionFunction.create(signature, session)).export();
    }
  }

  private static Operand<TFloat32> convRelu(Ops tf, Operand<TFloat32> in, int cin, int cout, Random random) {
    Operand<TFloat32> kernel = tf.variable(constant(tf, random, (float) Math.sqrt(2.0 / (9 * cin)), 3, 3, cin, cout));
    Operand<TFloat32> conv = tf.nn.conv2d(in, kernel, java.util.List.of(1L, 2L, 2L, 1L), "VALID");
    return tf.nn.relu(tf.math.add(conv, tf.variable(constant(tf, random, 0.01f, cout))));
  }

  private static Operand<TFloat32> constant(Ops tf, Random random, float scale, long... shape) {
    int n = (int) Shape.of(shape).size();
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian() * scale;
    }
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }
}
