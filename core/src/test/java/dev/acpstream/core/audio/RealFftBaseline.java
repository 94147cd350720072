package dev.acpstream.core.audio;

/**
 * The RealFft before the speed round (radix-4 passes over interleaved pairs, separate split), kept
 * as a test-only reference: the new FFT must match it to double rounding.
 *
 * <p>Original description follows.
 *
 * A double-precision FFT of a real sequence whose length is a power of two: one complex FFT of
 * half the length (radix-4 passes, decimation in time) on the even/odd samples packed as complex
 * pairs, then the usual split into the n/2 + 1 bins of the real transform.
 *
 * <p>Why not TarsosDSP's {@code FloatFFT}: librosa 0.10 runs numpy 1.x's FFT, which computes in
 * float64 and only then stores complex64. A float32 FFT's rounding noise (about 1e-7 of the
 * frame's peak) sits near the int16 noise floor of quiet bins, and spectral contrast's valleys live
 * exactly there: with FloatFFT a pure tone's lowest contrast band is off by 0.02 dB (tolerance
 * 0.01); with this FFT it matches to 1e-6.
 *
 * <p>The plan (twiddles, bit reversal) is immutable and thread-safe; callers pass their own
 * scratch buffer.
 */
final class RealFftBaseline {

  private final int n;
  private final int half;
  private final int[] bitReverse;
  /** e^{-2 pi i j / 8} for j < 4: the single radix-2 pass at size 8, when there is one. */
  private final double[] cos8 = new double[4];

  private final double[] sin8 = new double[4];
  /**
   * Radix-4 twiddles: for the pass that builds size {@code 4m} from four size-{@code m} FFTs,
   * W^j, W^2j, W^3j (W = e^{-2 pi i / 4m}) for j < m as six doubles each, starting at
   * {@code 6 * (m - 4) / 3}.
   */
  private final double[] radix4;
  /** Size of the sub-FFTs when the radix-4 passes start (4, or 8 after one radix-2 pass). */
  private final int radix4From;
  /** e^{-2 pi i k / n} for k <= half: the real split's twiddles. */
  private final double[] cosFull;

  private final double[] sinFull;

  RealFftBaseline(int n) {
    if (n < 4 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT length must be a power of two >= 4, got " + n);
    }
    this.n = n;
    this.half = n / 2;
    int bits = Integer.numberOfTrailingZeros(half);
    this.bitReverse = new int[half];
    for (int i = 0; i < half; i++) {
      bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    for (int j = 0; j < 4; j++) {
      cos8[j] = Math.cos(-2.0 * Math.PI * j / 8);
      sin8[j] = Math.sin(-2.0 * Math.PI * j / 8);
    }
    // Sizes 2 and 4 are done without multiplications; an odd number of the remaining doublings
    // takes one radix-2 pass at size 8, the rest go four times per radix-4 pass.
    int doublings = Integer.numberOfTrailingZeros(half) - 2;
    this.radix4From = doublings > 0 && doublings % 2 == 1 ? 8 : 4;
    int entries = 0;
    for (int m = radix4From; 4 * m <= half; m *= 4) {
      entries += m;
    }
    this.radix4 = new double[6 * entries];
    int at = 0;
    for (int m = radix4From; 4 * m <= half; m *= 4) {
      for (int j = 0; j < m; j++) {
        for (int p = 1; p <= 3; p++) {
          double a = -2.0 * Math.PI * p * j / (4.0 * m);
          radix4[at++] = Math.cos(a);
          radix4[at++] = Math.sin(a);
        }
      }
    }
    this.cosFull = new double[half + 1];
    this.sinFull = new double[half + 1];
    for (int k = 0; k <= half; k++) {
      double a = -2.0 * Math.PI * k / n;
      cosFull[k] = Math.cos(a);
      sinFull[k] = Math.sin(a);
    }
  }

  int size() {
    return n;
  }

  /** Scratch length a caller must pass: the packed complex FFT of n/2 points. */
  public int scratchLength() {
    return n;
  }

  /**
   * Bins 0..n/2 of the DFT of {@code x[0, n)} (sign convention e^{-2 pi i k t / n}, unscaled),
   * rounded to float into {@code re[offset + k]}, {@code im[offset + k]}.
   */
  void forward(double[] x, double[] scratch, float[] re, float[] im, int offset) {
    for (int j = 0; j < half; j++) {
      int p = bitReverse[j] << 1;
      scratch[p] = x[2 * j];
      scratch[p + 1] = x[2 * j + 1];
    }
    butterflies(scratch);
    split(scratch, re, im, offset);
  }

  /**
   * As {@link #forward(double[], double[], float[], float[], int)} on the windowed frame
   * {@code y[start + i] * window[i]} (float32 samples times a float64 window, in double), zero
   * where {@code start + i} falls outside {@code y}: windowing is fused into the bit-reversed load.
   */
  public void forward(
      float[] y, int start, double[] window, double[] scratch, float[] re, float[] im, int offset) {
    boolean inside = start >= 0 && start + n <= y.length;
    if (inside && half >= 4) {
      loadFirstStages(y, start, window, scratch);
      laterStages(scratch);
      split(scratch, re, im, offset);
      return;
    }
    for (int j = 0; j < half; j++) {
      int p = bitReverse[j] << 1;
      int s = start + 2 * j;
      if (inside) {
        scratch[p] = y[s] * window[2 * j];
        scratch[p + 1] = y[s + 1] * window[2 * j + 1];
      } else {
        scratch[p] = s >= 0 && s < y.length ? y[s] * window[2 * j] : 0.0;
        scratch[p + 1] = s + 1 >= 0 && s + 1 < y.length ? y[s + 1] * window[2 * j + 1] : 0.0;
      }
    }
    butterflies(scratch);
    split(scratch, re, im, offset);
  }

  /**
   * The windowed, bit-reversed load fused with the size-2 and size-4 stages: each group of four
   * bit-reversed slots is gathered and transformed in registers, saving two passes over the
   * scratch. The same operations in the same order as {@link #butterflies}, so the same bits.
   */
  private void loadFirstStages(float[] y, int start, double[] window, double[] zr) {
    for (int g = 0; g < half; g += 4) {
      int j0 = bitReverse[g] << 1;
      int j1 = bitReverse[g + 1] << 1;
      int j2 = bitReverse[g + 2] << 1;
      int j3 = bitReverse[g + 3] << 1;
      double x0r = y[start + j0] * window[j0];
      double x0i = y[start + j0 + 1] * window[j0 + 1];
      double x1r = y[start + j1] * window[j1];
      double x1i = y[start + j1 + 1] * window[j1 + 1];
      double x2r = y[start + j2] * window[j2];
      double x2i = y[start + j2 + 1] * window[j2 + 1];
      double x3r = y[start + j3] * window[j3];
      double x3i = y[start + j3 + 1] * window[j3 + 1];
      // size 2
      double r0 = x0r + x1r;
      double i0 = x0i + x1i;
      double r1 = x0r - x1r;
      double i1 = x0i - x1i;
      double r2 = x2r + x3r;
      double i2 = x2i + x3i;
      // size 4: the fourth slot times -i
      double r3 = x2i - x3i;
      double i3 = -(x2r - x3r);
      int a = g << 1;
      zr[a] = r0 + r2;
      zr[a + 1] = i0 + i2;
      zr[a + 4] = r0 - r2;
      zr[a + 5] = i0 - i2;
      zr[a + 2] = r1 + r3;
      zr[a + 3] = i1 + i3;
      zr[a + 6] = r1 - r3;
      zr[a + 7] = i1 - i3;
    }
  }

  /** In-place radix-2 decimation in time on complex pairs already in bit-reversed order. */
  private void butterflies(double[] zr) {
    // Stages of length 2 and 4 need no multiplications (twiddles 1 and -i).
    for (int a = 0; a < 2 * half; a += 4) {
      double r0 = zr[a];
      double i0 = zr[a + 1];
      double r1 = zr[a + 2];
      double i1 = zr[a + 3];
      zr[a] = r0 + r1;
      zr[a + 1] = i0 + i1;
      zr[a + 2] = r0 - r1;
      zr[a + 3] = i0 - i1;
    }
    if (half >= 4) {
      for (int a = 0; a < 2 * half; a += 8) {
        double r0 = zr[a];
        double i0 = zr[a + 1];
        double r1 = zr[a + 2];
        double i1 = zr[a + 3];
        double r2 = zr[a + 4];
        double i2 = zr[a + 5];
        // (r3 + i i3) * (-i) = i3 - i r3
        double r3 = zr[a + 7];
        double i3 = -zr[a + 6];
        zr[a] = r0 + r2;
        zr[a + 1] = i0 + i2;
        zr[a + 4] = r0 - r2;
        zr[a + 5] = i0 - i2;
        zr[a + 2] = r1 + r3;
        zr[a + 3] = i1 + i3;
        zr[a + 6] = r1 - r3;
        zr[a + 7] = i1 - i3;
      }
    }
    laterStages(zr);
  }

  /** The stages from size 8 on. */
  private void laterStages(double[] zr) {
    if (radix4From == 8) {
      radix2Pass8(zr);
    }
    int tw = 0;
    for (int m = radix4From; 4 * m <= half; m *= 4) {
      radix4Pass(zr, m, tw);
      tw += 6 * m;
    }
  }

  /** Sub-FFTs of size 4 -> 8. */
  private void radix2Pass8(double[] zr) {
    for (int start = 0; start < half; start += 8) {
      int a = start << 1;
      int b = (start + 4) << 1;
      for (int j = 0; j < 4; j++, a += 2, b += 2) {
        double xr = zr[b];
        double xi = zr[b + 1];
        double br = xr * cos8[j] - xi * sin8[j];
        double bi = xr * sin8[j] + xi * cos8[j];
        double ar = zr[a];
        double ai = zr[a + 1];
        zr[b] = ar - br;
        zr[b + 1] = ai - bi;
        zr[a] = ar + br;
        zr[a + 1] = ai + bi;
      }
    }
  }

  /**
   * Four sub-FFTs of size m -> one of size 4m. In bit-reversed order the four quarters of a block
   * hold the FFTs of the samples = 0, 2, 1, 3 (mod 4), so X[j + q m] = A + W^2j B + W^j C + W^3j D
   * with the quarter-turns folded in: three complex multiplications instead of radix-2's four.
   */
  private void radix4Pass(double[] zr, int m, int tw) {
    int size = 4 * m;
    for (int start = 0; start < half; start += size) {
      for (int j = 0; j < m; j++) {
        int ia = (start + j) << 1;
        int ib = ia + 2 * m;
        int ic = ib + 2 * m;
        int id = ic + 2 * m;
        int w = tw + 6 * j;
        double w1r = radix4[w];
        double w1i = radix4[w + 1];
        double w2r = radix4[w + 2];
        double w2i = radix4[w + 3];
        double w3r = radix4[w + 4];
        double w3i = radix4[w + 5];
        double ar = zr[ia];
        double ai = zr[ia + 1];
        double br = zr[ib] * w2r - zr[ib + 1] * w2i;
        double bi = zr[ib] * w2i + zr[ib + 1] * w2r;
        double cr = zr[ic] * w1r - zr[ic + 1] * w1i;
        double ci = zr[ic] * w1i + zr[ic + 1] * w1r;
        double dr = zr[id] * w3r - zr[id + 1] * w3i;
        double di = zr[id] * w3i + zr[id + 1] * w3r;
        double t0r = ar + br;
        double t0i = ai + bi;
        double t1r = ar - br;
        double t1i = ai - bi;
        double t2r = cr + dr;
        double t2i = ci + di;
        double t3r = cr - dr;
        double t3i = ci - di;
        zr[ia] = t0r + t2r;
        zr[ia + 1] = t0i + t2i;
        zr[ic] = t0r - t2r;
        zr[ic + 1] = t0i - t2i;
        // -i * t3 = (t3i, -t3r)
        zr[ib] = t1r + t3i;
        zr[ib + 1] = t1i - t3r;
        zr[id] = t1r - t3i;
        zr[id + 1] = t1i + t3r;
      }
    }
  }

  /**
   * The real split, bins 0..n/2 rounded to float (complex64) into re/im at {@code offset}. With
   * E = (Z[k] + conj Z[h-k]) / 2, O = (Z[k] - conj Z[h-k]) / 2i and P = W^k O: X[k] = E + P and
   * X[h-k] = conj(E - P), so each pair of bins costs one pass.
   */
  private void split(double[] z, float[] re, float[] im, int offset) {
    // k = 0 and k = h: E = Re Z0, O = Im Z0, W^0 = 1, W^h = -1.
    re[offset] = (float) (z[0] + z[1]);
    im[offset] = 0f;
    re[offset + half] = (float) (z[0] - z[1]);
    im[offset + half] = 0f;
    for (int k = 1; k <= half / 2; k++) {
      int a = k << 1;
      int b = (half - k) << 1;
      double er = 0.5 * (z[a] + z[b]);
      double ei = 0.5 * (z[a + 1] - z[b + 1]);
      double or = 0.5 * (z[a + 1] + z[b + 1]);
      double oi = -0.5 * (z[a] - z[b]);
      double wr = cosFull[k];
      double wi = sinFull[k];
      double pr = or * wr - oi * wi;
      double pi = or * wi + oi * wr;
      re[offset + k] = (float) (er + pr);
      im[offset + k] = (float) (ei + pi);
      if (k != half - k) {
        re[offset + half - k] = (float) (er - pr);
        im[offset + half - k] = (float) -(ei - pi);
      }
    }
  }
}
