package dev.acpstream.core.audio;

/**
 * The {@code q} smallest and {@code q} largest magnitudes of each spectral-contrast band, frame
 * after frame: {@link #low()} ascending and {@link #high()} descending after each {@link #find}.
 *
 * <p>A band's extremes are found by insertion into the kept lists, and what costs is not the
 * insertions but the mispredicted branches around them, one or two per value that enters a list.
 * Neighbouring frames have similar spectra, so the previous frame's q-th largest value of the
 * band is a good guess of a lower bound for this frame's: one branch-free pass copies the values
 * at or above the guess (and the values at or below the low guess) into small candidate lists,
 * and if at least q values made it, the q largest are among them, so only those few go through
 * insertion. If fewer made it the guess was too high and the band is scanned directly. Either way
 * the result is exactly the band's q extremes. For q = 1 (the three lowest bands) a plain
 * branch-free minimum and maximum is cheaper still; for q = 2 the same with a compare-exchange
 * pair was slower than the candidate lists (a longer chain of dependent min/max).
 *
 * <p>Every value is validated on the way at no extra cost per value: NaN fails every comparison
 * and so always lands among the candidates, +Infinity among the high ones, a negative value among
 * the low ones (the low guess is never negative), and candidates are checked when inserted; the
 * values left out lie between two valid values.
 *
 * <p>Mutable scratch for one spectrogram; not thread-safe.
 */
final class BandExtremes {

  /**
   * The guesses sit this factor beyond the previous frame's q-th extremes, so that a frame a
   * little quieter (or louder, for the low side) still leaves q candidates.
   */
  private static final float MARGIN = 1.25f;

  private final float[] low;
  private final float[] high;
  private final float[] lowGuess;
  private final float[] highGuess;
  private final float[] lowCandidates;
  private final float[] highCandidates;

  /**
   * @param bands the number of bands, each with its own guesses
   * @param widestBand the most values a band holds
   * @param mostTaken the largest {@code q} that {@link #find} will be asked for
   */
  BandExtremes(int bands, int widestBand, int mostTaken) {
    this.low = new float[mostTaken];
    this.high = new float[mostTaken];
    this.lowGuess = new float[bands];
    this.highGuess = new float[bands];
    // No guess before the first frame: every valid value is a candidate.
    java.util.Arrays.fill(lowGuess, Float.POSITIVE_INFINITY);
    this.lowCandidates = new float[widestBand + 1];
    this.highCandidates = new float[widestBand + 1];
  }

  /**
   * The q smallest and q largest of s[from, to), {@code 1 <= q <= to - from}.
   *
   * @throws IllegalArgumentException naming the first NaN, infinite or negative value of the band
   */
  void find(float[] s, int from, int to, int band, int q) {
    if (q == 1) {
      findOne(s, from, to);
      return;
    }
    float lowAt = lowGuess[band];
    float highAt = highGuess[band];
    int lows = 0;
    int highs = 0;
    for (int i = from; i < to; i++) {
      float v = s[i];
      // Written unconditionally and kept by advancing the count: no branch to mispredict.
      lowCandidates[lows] = v;
      lows += v > lowAt ? 0 : 1;
      highCandidates[highs] = v;
      highs += v < highAt ? 0 : 1;
    }
    boolean valid =
        lows >= q ? keepSmallest(lowCandidates, 0, lows, q, low) : keepSmallest(s, from, to, q, low);
    valid &= highs >= q
        ? keepLargest(highCandidates, 0, highs, q, high)
        : keepLargest(s, from, to, q, high);
    if (!valid) {
      throw invalid(s, from, to);
    }
    lowGuess[band] = low[q - 1] * MARGIN;
    highGuess[band] = high[q - 1] / MARGIN;
  }

  /**
   * q = 1, the three lowest bands: plain minimum and maximum, which have no branch at all.
   * Math.min and Math.max pass NaN on, so one check after the loop covers NaN, negative and
   * infinite values.
   */
  private void findOne(float[] s, int from, int to) {
    float mn = s[from];
    float mx = s[from];
    for (int i = from + 1; i < to; i++) {
      mn = Math.min(mn, s[i]);
      mx = Math.max(mx, s[i]);
    }
    if (!(mn >= 0f && mx < Float.POSITIVE_INFINITY)) {
      throw invalid(s, from, to);
    }
    low[0] = mn;
    high[0] = mx;
  }

  /** The q smallest values of the last {@link #find}, ascending (valid up to its q). */
  float[] low() {
    return low;
  }

  /** The q largest values of the last {@link #find}, descending (valid up to its q). */
  float[] high() {
    return high;
  }

  /**
   * The q largest of a[from, to) into out[0, q), descending; false if it meets a value that is
   * NaN or +Infinity (a negative one cannot enter: q values >= 0 are kept first). Scanning
   * upwards suits music, whose spectra fall with frequency: later values rarely displace.
   */
  private static boolean keepLargest(float[] a, int from, int to, int q, float[] out) {
    for (int i = 0; i < q; i++) {
      float v = a[from + i];
      if (!(v >= 0f && v < Float.POSITIVE_INFINITY)) {
        return false;
      }
      int j = i;
      while (j > 0 && out[j - 1] < v) {
        out[j] = out[j - 1];
        j--;
      }
      out[j] = v;
    }
    int last = q - 1;
    float bound = out[last];
    for (int i = from + q; i < to; i++) {
      float v = a[i];
      if (!(v <= bound)) {
        if (!(v < Float.POSITIVE_INFINITY)) {
          return false;
        }
        int j = last;
        while (j > 0 && out[j - 1] < v) {
          out[j] = out[j - 1];
          j--;
        }
        out[j] = v;
        bound = out[last];
      }
    }
    return true;
  }

  /**
   * The q smallest of a[from, to) into out[0, q), ascending, scanning downwards; false if it
   * meets a value that is NaN or negative (+Infinity cannot enter, q finite values are kept first).
   */
  private static boolean keepSmallest(float[] a, int from, int to, int q, float[] out) {
    for (int i = 0; i < q; i++) {
      float v = a[to - 1 - i];
      if (!(v >= 0f && v < Float.POSITIVE_INFINITY)) {
        return false;
      }
      int j = i;
      while (j > 0 && out[j - 1] > v) {
        out[j] = out[j - 1];
        j--;
      }
      out[j] = v;
    }
    int last = q - 1;
    float bound = out[last];
    for (int i = to - 1 - q; i >= from; i--) {
      float v = a[i];
      if (!(v >= bound)) {
        if (!(v >= 0f)) {
          return false;
        }
        int j = last;
        while (j > 0 && out[j - 1] > v) {
          out[j] = out[j - 1];
          j--;
        }
        out[j] = v;
        bound = out[last];
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(float[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!(s[i] >= 0f && s[i] < Float.POSITIVE_INFINITY)) {
        return new IllegalArgumentException(
            "magnitude spectrogram holds " + s[i] + " at index " + i);
      }
    }
    return new IllegalArgumentException("magnitude spectrogram holds an invalid value");
  }
}
