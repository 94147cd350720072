package dev.acpstream.core.audio;

import java.util.Arrays;

/**
 * Sliding median of odd width along rows of non-negative values (magnitudes), with
 * scipy.ndimage's {@code mode='reflect'} edges (d c b a | a b c d | d c b a), as librosa's HPSS
 * median filters use.
 *
 * <p>Each row keeps its window sorted and, per step, removes the outgoing value and inserts the
 * incoming one with one shift: O(width) per output instead of a sort per element. Non-negative
 * floats order like their bit patterns as ints, so the window is kept as ints and searched with
 * branch-free arithmetic. Not thread-safe: one instance per thread (it owns its scratch window).
 */
final class RunningMedian {

  private final int width;
  private final int half;
  private final int searchStep;
  /** The window's bit patterns, sorted; padded with MAX_VALUE up to a power of two. */
  private final int[] sorted;
  /** The current row, reflected at its edges, as bit patterns. */
  private int[] row = new int[0];

  RunningMedian(int width) {
    if (width < 1 || width % 2 == 0) {
      throw new IllegalArgumentException("median width must be odd and >= 1, got " + width);
    }
    this.width = width;
    this.half = width / 2;
    this.searchStep = Integer.highestOneBit(width);
    this.sorted = new int[2 * searchStep];
  }

  /**
   * Writes the median of {@code in[inOff + i*stride]} over {@code i} in {@code [j-half, j+half]}
   * to {@code out[outOff + j*stride]} for each {@code j < n}.
   */
  void filter(float[] in, int inOff, int stride, int n, float[] out, int outOff) {
    filterRows(in, inOff, 0, 1, stride, n, out, outOff, 0, n);
  }

  /**
   * Filters {@code rowCount} rows: row {@code r} starts at {@code inOff + r*inRowStep} (output at
   * {@code outOff + r*outRowStep}), holds {@code n} values {@code stride} apart, and gets its
   * first {@code count} medians written, also {@code stride} apart (edges reflect at {@code n}).
   */
  void filterRows(
      float[] in, int inOff, int inRowStep, int rowCount, int stride, int n,
      float[] out, int outOff, int outRowStep, int count) {
    int padded = count + 2 * half;
    if (row.length < padded) {
      row = new int[padded];
    }
    int[] r = row;
    int[] a = sorted;
    for (int rowIndex = 0; rowIndex < rowCount; rowIndex++) {
      int off = inOff + rowIndex * inRowStep;
      int o = outOff + rowIndex * outRowStep;
      // Interior straight, only the reflected ends through reflect().
      int interiorEnd = Math.min(padded, n + half);
      int i = 0;
      for (; i < Math.min(half, padded); i++) {
        r[i] = bits(in[off + reflect(i - half, n) * stride]);
      }
      for (int src = off + (i - half) * stride; i < interiorEnd; i++, src += stride) {
        r[i] = bits(in[src]);
      }
      for (; i < padded; i++) {
        r[i] = bits(in[off + reflect(i - half, n) * stride]);
      }
      Arrays.fill(a, Integer.MAX_VALUE);
      System.arraycopy(r, 0, a, 0, width);
      Arrays.sort(a, 0, width);
      out[o] = Float.intBitsToFloat(a[half]);
      for (int j = 1; j < count; j++) {
        replace(r[j - 1], r[j - 1 + width]);
        out[o + j * stride] = Float.intBitsToFloat(a[half]);
      }
    }
  }

  private static int bits(float v) {
    if (!(v >= 0f) || v == Float.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("median filter input must be finite and >= 0, got " + v);
    }
    return Float.floatToRawIntBits(v + 0f); // + 0f turns -0.0 into +0.0
  }

  private void replace(int leaving, int entering) {
    int[] a = sorted;
    int from = 0;
    int to = 0;
    for (int step = searchStep; step > 0; step >>= 1) {
      // Lower bounds without data-dependent branches: (x - v) >> 31 is all ones exactly when
      // x < v, as both lie in [0, 0x7f800000].
      from += step & ((a[from + step - 1] - leaving) >> 31);
      to += step & ((a[to + step - 1] - entering) >> 31);
    }
    if (to > from) {
      // entering goes above: close the gap upwards, then place it just below its bound
      for (int i = from; i < to - 1; i++) {
        a[i] = a[i + 1];
      }
      a[to - 1] = entering;
    } else {
      for (int i = from; i > to; i--) {
        a[i] = a[i - 1];
      }
      a[to] = entering;
    }
  }

  /** scipy's 'reflect' index: the edge sample is repeated, with period 2n for short rows. */
  static int reflect(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    int period = 2 * n;
    int m = i % period;
    if (m < 0) {
      m += period;
    }
    return m < n ? m : period - 1 - m;
  }
}
