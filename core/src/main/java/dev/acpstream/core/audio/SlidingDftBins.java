package dev.acpstream.core.audio;

/**
 * A few DFT bins of every frame of a signal, without an FFT per frame: the frames of the CQT's
 * lower octaves (n_fft samples, centred, zero-padded) are a small hop apart, so consecutive
 * frames share almost all their samples. With absolute-phase prefix sums
 * P_k(m) = sum_{j<m} x[j] e^{-2 pi i k j / n_fft}, frame t starting at s = t*hop - n_fft/2 has
 * X_t[k] = e^{2 pi i k s / n_fft} (P_k(s + n_fft) - P_k(s)): one pass over the signal per bin.
 * For hops up to 32 and the ~110 bins the CQT filters touch this costs a fraction of 1024-point
 * FFTs. The sums run in double, so the bins are at least as accurate as a float FFT's.
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
   * {@code t} centred on sample {@code t * hop}: re and im of bin {@code kLo + i} of frame
   * {@code t} at {@code 2 * (t * count + i)} and the next index, signs as an FFT's
   * e^{-2 pi i k n / n_fft}.
   */
  float[] frames(float[] x, int hop, int frames) {
    if (hop <= 0 || nFft % hop != 0) {
      throw new IllegalArgumentException("hop " + hop + " does not divide n_fft " + nFft);
    }
    int n = x.length;
    int blocks = n / hop;
    int stride = blocks + 2; // P at every multiple of hop below n, then P(n)
    double[] pRe = new double[count * stride];
    double[] pIm = new double[count * stride];
    int mask = nFft - 1;
    for (int i = 0; i < count; i++) {
      int k = kLo + i;
      int base = i * stride;
      double re = 0;
      double im = 0;
      int phase = 0;
      int m = 0;
      int k2 = (2 * k) & mask;
      for (int b = 1; b <= blocks; b++) {
        int end = b * hop;
        // Two chains (even and odd samples) halve the add latency the loop waits on.
        double re1 = 0;
        double im1 = 0;
        for (; m + 1 < end; m += 2) {
          double v0 = x[m];
          double v1 = x[m + 1];
          int p1 = (phase + k) & mask;
          re += v0 * cos[phase];
          im -= v0 * sin[phase];
          re1 += v1 * cos[p1];
          im1 -= v1 * sin[p1];
          phase = (phase + k2) & mask;
        }
        for (; m < end; m++) {
          double v = x[m];
          re += v * cos[phase];
          im -= v * sin[phase];
          phase = (phase + k) & mask;
        }
        re += re1;
        im += im1;
        pRe[base + b] = re;
        pIm[base + b] = im;
      }
      for (; m < n; m++) {
        double v = x[m];
        re += v * cos[phase];
        im -= v * sin[phase];
        phase = (phase + k) & mask;
      }
      pRe[base + blocks + 1] = re;
      pIm[base + blocks + 1] = im;
    }
    float[] out = new float[2 * frames * count];
    int pad = nFft / 2;
    for (int t = 0; t < frames; t++) {
      int s = t * hop - pad;
      int lo = index(Math.max(s, 0), n, hop, blocks);
      int hi = index(s + nFft, n, hop, blocks);
      for (int i = 0; i < count; i++) {
        int base = i * stride;
        double dr = pRe[base + hi] - pRe[base + lo];
        double di = pIm[base + hi] - pIm[base + lo];
        int p = Math.floorMod((long) (kLo + i) * s, nFft);
        double c = cos[p];
        double sn = sin[p];
        int o = 2 * (t * count + i);
        out[o] = (float) (dr * c - di * sn);
        out[o + 1] = (float) (dr * sn + di * c);
      }
    }
    return out;
  }

  /** Where P(pos) is stored: pos is a multiple of hop, and P is constant from n on. */
  private static int index(int pos, int n, int hop, int blocks) {
    return pos >= n ? blocks + 1 : pos / hop;
  }
}
