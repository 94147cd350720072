package dev.acpstream.core.audio;

import java.util.Arrays;

/**
 * Sliding median of odd width over a strided row, with scipy.ndimage's {@code mode='reflect'}
 * edges (d c b a | a b c d | d c b a), as librosa's HPSS median filters use.
 *
 * <p>Keeps the window sorted and, per step, removes the outgoing value and inserts the incoming
 * one with one shift: O(width) per output instead of a sort per element. Not thread-safe: one
 * instance per thread (it owns its scratch window).
 */
final class RunningMedian {

  private final int width;
  private final int half;
  private final float[] sorted;

  RunningMedian(int width) {
    if (width < 1 || width % 2 == 0) {
      throw new IllegalArgumentException("median width must be odd and >= 1, got " + width);
    }
    this.width = width;
    this.half = width / 2;
    this.sorted = new float[width];
  }

  /**
   * Writes the median of {@code in[inOff + i*stride]} over {@code i} in {@code [j-half, j+half]}
   * to {@code out[outOff + j*stride]} for each {@code j < n}.
   */
  void filter(float[] in, int inOff, int stride, int n, float[] out, int outOff) {
    for (int i = 0; i < width; i++) {
      sorted[i] = in[inOff + reflect(i - half, n) * stride];
    }
    Arrays.sort(sorted);
    out[outOff] = sorted[half];
    for (int j = 1; j < n; j++) {
      float leaving = in[inOff + reflect(j - 1 - half, n) * stride];
      float entering = in[inOff + reflect(j + half, n) * stride];
      replace(leaving, entering);
      out[outOff + j * stride] = sorted[half];
    }
  }

  private void replace(float leaving, float entering) {
    if (Float.compare(leaving, entering) == 0) {
      return;
    }
    int at = Arrays.binarySearch(sorted, leaving);
    if (at < 0) {
      throw new IllegalStateException("running median lost track of " + leaving);
    }
    if (entering > leaving) {
      int i = at;
      while (i + 1 < width && sorted[i + 1] < entering) {
        sorted[i] = sorted[i + 1];
        i++;
      }
      sorted[i] = entering;
    } else {
      int i = at;
      while (i > 0 && sorted[i - 1] > entering) {
        sorted[i] = sorted[i - 1];
        i--;
      }
      sorted[i] = entering;
    }
  }

  /** scipy's 'reflect' index: the edge sample is repeated, with period 2n for short rows. */
  static int reflect(int i, int n) {
    int period = 2 * n;
    int m = i % period;
    if (m < 0) {
      m += period;
    }
    return m < n ? m : period - 1 - m;
  }
}
