package dev.acpstream.core.audio;

/**
 * Averages window vectors into a segment vector. Sums in double in window order, so the file form
 * and the incremental form, which add the same windows in the same order, agree bit for bit.
 */
final class SegmentMean {

  private final double[] sum = new double[MusicFeatures193.DIM];
  private int count;

  void add(float[] window) {
    if (window.length != MusicFeatures193.DIM) {
      throw new IllegalStateException("window extractor returned " + window.length + " values, expected " + MusicFeatures193.DIM);
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += window[i];
    }
    count++;
  }

  int count() {
    return count;
  }

  float[] mean() {
    float[] m = new float[sum.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) (sum[i] / count);
    }
    return m;
  }
}
