package dev.acpstream.core.acpnet;

import java.util.Arrays;

/**
 * Per-dimension feature standardisation, (x - mean) / std, fitted on training items only. It is
 * part of the model: a model scores raw backbone or music features.
 */
public record Standardizer(float[] mean, float[] std) {

  /** Below this a dimension is treated as constant and left unscaled, so it cannot explode. */
  private static final double MIN_STD = 1e-6;

  public Standardizer {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean has " + mean.length + " values but std " + std.length);
    }
    mean = mean.clone();
    std = std.clone();
    for (int i = 0; i < std.length; i++) {
      if (!(std[i] > 0f) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
        throw new IllegalArgumentException("standardisation value " + i + " is not usable: mean "
            + mean[i] + ", std " + std[i]);
      }
    }
  }

  public int dim() {
    return mean.length;
  }

  public static Standardizer fit(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("cannot fit standardisation on no rows");
    }
    int d = rows[0].length;
    double[] sum = new double[d];
    double[] sq = new double[d];
    for (float[] r : rows) {
      if (r.length != d) {
        throw new IllegalArgumentException("rows differ in length: " + r.length + " vs " + d);
      }
      for (int i = 0; i < d; i++) {
        sum[i] += r[i];
        sq[i] += (double) r[i] * r[i];
      }
    }
    float[] mean = new float[d];
    float[] std = new float[d];
    for (int i = 0; i < d; i++) {
      double m = sum[i] / rows.length;
      double var = Math.max(0, sq[i] / rows.length - m * m);
      mean[i] = (float) m;
      double sd = Math.sqrt(var);
      std[i] = sd < MIN_STD ? 1f : (float) sd;
    }
    return new Standardizer(mean, std);
  }

  public float[] apply(float[] x) {
    if (x.length != mean.length) {
      throw new IllegalArgumentException("feature has " + x.length + " values, expected " + mean.length);
    }
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (x[i] - mean[i]) / std[i];
    }
    return y;
  }

  /** Standardises rows into one row-major block, the layout the networks take. */
  public float[] applyAll(float[][] rows) {
    float[] out = new float[rows.length * mean.length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(apply(rows[r]), 0, out, r * mean.length, mean.length);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardizer s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Standardizer[dim=" + mean.length + "]";
  }
}
