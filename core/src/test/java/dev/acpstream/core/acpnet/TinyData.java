package dev.acpstream.core.acpnet;

import dev.acpstream.core.dataset.LabelledFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small, separable three-class data sets for fast training tests. */
public final class TinyData {

  private TinyData() {}

  /** Items around one random centre per class, with noise well below the centres' spread. */
  public static LabelledFeatures clusters(String prefix, int perClass, int dim, long seed) {
    Random rng = new Random(seed);
    float[][] centres = new float[3][dim];
    for (float[] c : centres) {
      for (int i = 0; i < dim; i++) {
        c[i] = (float) rng.nextGaussian() * 3f + 10f;
      }
    }
    List<String> ids = new ArrayList<>();
    float[][] x = new float[3 * perClass][];
    int[] y = new int[3 * perClass];
    for (int k = 0; k < 3 * perClass; k++) {
      int c = k % 3;
      float[] v = new float[dim];
      for (int i = 0; i < dim; i++) {
        v[i] = centres[c][i] + (float) rng.nextGaussian();
      }
      x[k] = v;
      y[k] = c;
      ids.add(prefix + k);
    }
    return new LabelledFeatures(ids, x, y, LabelledFeatures.EMOTION_CLASS_NAMES);
  }

  /** A narrow ACP-Net with the paper's layer counts, small enough to train in seconds. */
  static AcpNetConfig smallConfig(int imageDim) {
    return new AcpNetConfig("test-backbone", imageDim, 193, new int[] {64, 32},
        new int[] {64, 64, 32, 32}, new int[] {64, 32, 16, 2}, 0.1f);
  }

  static TrainingOptions fastOptions(long seed, int epochs) {
    return new TrainingOptions(seed, epochs, 5, 1e-3f, 16, 8, 8, true);
  }
}
