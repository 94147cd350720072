package dev.acpstream.core.audio;

/**
 * A few DFT bins of every frame of a signal, without an FFT per frame: the frames of the CQT's
 * lower octaves (n_fft samples, centred, zero-padded) are a small hop apart, so consecutive
 * frames share almost all their samples. With absolute-phase prefix sums
 * P_k(m) = sum_{j<m} x[j] e^{-2 pi i k j / n_fft}, frame t starting at s = t*hop - n_fft/2 has
 * X_t[k] = e^{2 pi i k s / n_fft} (P_k(s + n_fft) - P_k(s)): P is kept at multiples of the hop
 * only, one multiply-add per sample and bin. For hops up to 64 and the ~113 bins the CQT filters
 * touch this costs less than 1024-point FFTs. The sums run in double, so the bins are at least
 * as accurate as a float FFT's.
 *
 * <p>Immutable and thread-safe.
 */
final class SlidingDftBins {

  private final int nFft;
  private final int kLo;
  private final int count;
  private final double[] cos;
  private final double[] sin;

  /** Bins {@code kLo..kHi} of an {@code nFft}-point DFT ({@code nFft} a power of two). */
  SlidingDftBins(int nFft, int kLo, int kHi) {
    if (Integer.bitCount(nFft) != 1 || kLo < 0 || kHi < kLo || kHi > nFft / 2) {
      throw new IllegalArgumentException(
          "need a power-of-two n_fft and 0 <= kLo <= kHi <= n_fft/2, got " + nFft + ", " + kLo
              + ", " + kHi);
    }
    this.nFft = nFft;
    this.kLo = kLo;
    this.count = kHi - kLo + 1;
    cos = new double[nFft];
    sin = new double[nFft];
    for (int j = 0; j < nFft; j++) {
      cos[j] = Math.cos(2 * Math.PI * j / nFft);
      sin[j] = Math.sin(2 * Math.PI * j / nFft);
    }
  }

  int count() {
    return count;
  }

  /**
   * Bins of {@code frames} frames {@code hop} apart ({@code hop} divides {@code nFft}), frame
   * {@code t} centred on sample {@code t * hop}, bin-major: re and im of bin {@code kLo + i} of
   * frame {@code t} at {@code re[i][t]}, {@code im[i][t]}, signs as an FFT's e^{-2 pi i k n / n_fft}.
   *
   * <p>Every array below is walked along the bin index at a fixed block or frame, so each loop
   * is a plain multiply-add over bins that C2 vectorises: a block's sum is its samples times
   * per-offset phase rows, rotated to absolute phase by the block's start (which repeats every
   * n_fft / hop blocks, so the rotations are a small table).
   */
  void frames(float[] x, int hop, int frames, float[][] re, float[][] im) {
    if (hop <= 0 || nFft % hop != 0) {
      throw new IllegalArgumentException("hop " + hop + " does not divide n_fft " + nFft);
    }
    int n = x.length;
    int blocks = n / hop;
    int mask = nFft - 1;
    int period = nFft / hop;
    // Phase rows: e^{-2 pi i k j / n_fft} for j < hop, and block rotations e^{-2 pi i k b hop / n_fft}.
    double[][] cosJ = new double[hop][count];
    double[][] sinJ = new double[hop][count];
    for (int j = 0; j < hop; j++) {
      for (int i = 0; i < count; i++) {
        int ph = ((kLo + i) * j) & mask;
        cosJ[j][i] = cos[ph];
        sinJ[j][i] = -sin[ph];
      }
    }
    double[][] rotRe = new double[period][count];
    double[][] rotIm = new double[period][count];
    for (int b = 0; b < period; b++) {
      for (int i = 0; i < count; i++) {
        int ph = (int) (((long) (kLo + i) * b * hop) & mask);
        rotRe[b][i] = cos[ph];
        rotIm[b][i] = -sin[ph];
      }
    }
    // P at every multiple of hop below n (index pos / hop), then P(n) at blocks + 1.
    double[][] pRe = new double[blocks + 2][];
    double[][] pIm = new double[blocks + 2][];
    pRe[0] = new double[count];
    pIm[0] = new double[count];
    double[] lr = new double[count];
    double[] li = new double[count];
    for (int b = 0; b <= blocks; b++) {
      int from = b * hop;
      int len = Math.min(hop, n - from);
      java.util.Arrays.fill(lr, 0.0);
      java.util.Arrays.fill(li, 0.0);
      for (int j = 0; j < len; j++) {
        localSum(x[from + j], cosJ[j], sinJ[j], lr, li);
      }
      double[] nr = new double[count];
      double[] ni = new double[count];
      accumulate(pRe[b], pIm[b], rotRe[b % period], rotIm[b % period], lr, li, nr, ni);
      pRe[b + 1] = nr;
      pIm[b + 1] = ni;
    }
    int pad = nFft / 2;
    double[] dr = new double[count];
    double[] di = new double[count];
    for (int t = 0; t < frames; t++) {
      int s = t * hop - pad;
      int lo = index(Math.max(s, 0), n, hop, blocks);
      int hi = index(s + nFft, n, hop, blocks);
      // e^{+2 pi i k s / n_fft} = conj(rotation of block s / hop).
      int r = Math.floorMod(s / hop, period);
      difference(pRe[hi], pIm[hi], pRe[lo], pIm[lo], rotRe[r], rotIm[r], dr, di);
      for (int i = 0; i < count; i++) {
        re[i][t] = (float) dr[i];
        im[i][t] = (float) di[i];
      }
    }
  }

  private static void localSum(double v, double[] c, double[] sn, double[] lr, double[] li) {
    for (int i = 0; i < lr.length; i++) {
      lr[i] += v * c[i];
      li[i] += v * sn[i];
    }
  }

  /** next = prev + rot * local (complex, per bin). */
  private static void accumulate(
      double[] prevRe, double[] prevIm, double[] rr, double[] ri, double[] lr, double[] li,
      double[] nextRe, double[] nextIm) {
    for (int i = 0; i < lr.length; i++) {
      nextRe[i] = prevRe[i] + (lr[i] * rr[i] - li[i] * ri[i]);
      nextIm[i] = prevIm[i] + (lr[i] * ri[i] + li[i] * rr[i]);
    }
  }

  /** d = conj(rot) * (P_hi - P_lo), per bin. */
  private static void difference(
      double[] hiRe, double[] hiIm, double[] loRe, double[] loIm, double[] rr, double[] ri,
      double[] dr, double[] di) {
    for (int i = 0; i < dr.length; i++) {
      double ar = hiRe[i] - loRe[i];
      double ai = hiIm[i] - loIm[i];
      dr[i] = ar * rr[i] + ai * ri[i];
      di[i] = ai * rr[i] - ar * ri[i];
    }
  }

  /** Where P(pos) is stored: pos is a multiple of hop, and P is constant from n on. */
  private static int index(int pos, int n, int hop, int blocks) {
    return pos >= n ? blocks + 1 : pos / hop;
  }
}
