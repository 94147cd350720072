package dev.acpstream.core.audio;

import java.util.Arrays;

/**
 * Sliding median of odd width along many independent rows at once ("lanes"), with
 * scipy.ndimage's {@code mode='reflect'} edges (d c b a | a b c d | d c b a), as librosa's HPSS
 * median filters use. Values are non-negative floats given as their bit patterns, which order
 * like the floats themselves.
 *
 * <p>Each lane keeps its window sorted; one step removes the outgoing value and inserts the
 * incoming one in every lane with the same branch-free arithmetic, slot by slot: with the sorted
 * column a (sentinels -1 below, MAX above), removing v leaves b[i] = a[i] < v ? a[i] : a[i + 1],
 * and inserting u gives c[i] = max(b[i - 1], min(b[i], u)). The loop over lanes touches each
 * array at the same index only, so C2 turns it into SIMD code: about 3x faster than a binary
 * search and a shift per row, whose branches mispredict on audio (measured in
 * docs/speed-round.md). Not thread-safe: one instance per thread (it owns its window columns).
 */
final class RunningMedian {

  private final int width;
  private final int half;
  /** Sorted windows, slot-major: slot 0 is -1, 1..width the values, then two MAX_VALUE slots. */
  private int[][] sorted = new int[0][];
  /** The next step's columns (the two swap each step). */
  private int[][] next = new int[0][];
  private final int[] column;

  RunningMedian(int width) {
    if (width < 1 || width % 2 == 0) {
      throw new IllegalArgumentException("median width must be odd and >= 1, got " + width);
    }
    this.width = width;
    this.half = width / 2;
    this.column = new int[width];
  }

  /**
   * For each step {@code j < count} and lane {@code l < lanes}: {@code out[j][l]} = the median of
   * {@code rows[i][l]} over {@code i} in {@code [j - half, j + half]}, reflected into {@code [0,
   * n)}. Only the rows that reflected index reaches are read. Values are bit patterns of floats
   * in [0, +inf).
   */
  void filter(int[][] rows, int n, int lanes, int count, int[][] out) {
    if (count <= 0 || lanes <= 0) {
      return;
    }
    int slots = width + 3;
    if (sorted.length != slots || sorted[0].length < lanes) {
      sorted = new int[slots][lanes];
      next = new int[slots][lanes];
    }
    int[][] x = sorted;
    int[][] y = next;
    for (int[][] z : new int[][][] {x, y}) {
      Arrays.fill(z[0], 0, lanes, -1);
      Arrays.fill(z[width + 1], 0, lanes, Integer.MAX_VALUE);
      Arrays.fill(z[width + 2], 0, lanes, Integer.MAX_VALUE);
    }
    int[] col = column;
    for (int l = 0; l < lanes; l++) {
      for (int i = 0; i < width; i++) {
        col[i] = rows[reflect(i - half, n)][l];
      }
      Arrays.sort(col);
      for (int i = 0; i < width; i++) {
        x[i + 1][l] = col[i];
      }
    }
    System.arraycopy(x[half + 1], 0, out[0], 0, lanes);
    for (int j = 1; j < count; j++) {
      int[] leaving = rows[reflect(j - 1 - half, n)];
      int[] entering = rows[reflect(j + half, n)];
      for (int s = 1; s <= width; s++) {
        step(x[s - 1], x[s], x[s + 1], y[s], leaving, entering, lanes);
      }
      int[][] t = x;
      x = y;
      y = t;
      System.arraycopy(x[half + 1], 0, out[j], 0, lanes);
    }
    sorted = x;
    next = y;
  }

  /**
   * Slot s of every lane after one step, from slots s-1, s, s+1 before it. Selects are masks from
   * the sign of a difference: the minuend is -1, a float's bits or MAX_VALUE and the subtrahend a
   * float's bits (at most 0x7f800000), so x - v cannot overflow and (x - v) >> 31 is all ones
   * exactly when x < v.
   */
  private static void step(
      int[] below, int[] at, int[] above, int[] to, int[] leaving, int[] entering, int lanes) {
    for (int l = 0; l < lanes; l++) {
      int v = leaving[l];
      int p = below[l];
      int c = at[l];
      int mp = (p - v) >> 31;
      int mc = (c - v) >> 31;
      int bBelow = (p & mp) | (c & ~mp); // b[s - 1]
      int bAt = (c & mc) | (above[l] & ~mc); // b[s]
      int u = entering[l];
      int mu = (bAt - u) >> 31;
      int low = (bAt & mu) | (u & ~mu); // min(b[s], u)
      int mb = (bBelow - low) >> 31;
      to[l] = (low & mb) | (bBelow & ~mb); // max(b[s - 1], low)
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
