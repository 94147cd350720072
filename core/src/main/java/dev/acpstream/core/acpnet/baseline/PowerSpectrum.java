package dev.acpstream.core.acpnet.baseline;

/**
 * Power spectrum of one Hann-windowed frame by an iterative radix-2 FFT. The baselines only need
 * log energies pooled over many bins and frames, so single precision is plenty here (the 193-d
 * feature's double-precision FFT exists for librosa parity, which these inputs do not claim).
 */
final class PowerSpectrum {

  private final int fftSize;
  private final float[] window;
  private final double[] cos;
  private final double[] sin;

  PowerSpectrum(int windowSamples, int fftSize) {
    if (Integer.bitCount(fftSize) != 1 || fftSize < windowSamples) {
      throw new IllegalArgumentException("FFT size must be a power of two >= the window: "
          + fftSize + " < " + windowSamples);
    }
    this.fftSize = fftSize;
    this.window = new float[windowSamples];
    for (int i = 0; i < windowSamples; i++) {
      window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowSamples));
    }
    cos = new double[fftSize / 2];
    sin = new double[fftSize / 2];
    for (int i = 0; i < fftSize / 2; i++) {
      cos[i] = Math.cos(-2 * Math.PI * i / fftSize);
      sin[i] = Math.sin(-2 * Math.PI * i / fftSize);
    }
  }

  int bins() {
    return fftSize / 2 + 1;
  }

  /** Power of bins 0..fftSize/2 of the frame starting at {@code start} (zero beyond the signal). */
  void frame(float[] y, int start, double[] re, double[] im, float[] power) {
    java.util.Arrays.fill(re, 0);
    java.util.Arrays.fill(im, 0);
    for (int i = 0; i < window.length; i++) {
      int j = start + i;
      if (j >= 0 && j < y.length) {
        re[Integer.reverse(i) >>> (32 - Integer.numberOfTrailingZeros(fftSize))] = y[j] * window[i];
      }
    }
    for (int len = 2; len <= fftSize; len <<= 1) {
      int step = fftSize / len;
      for (int s = 0; s < fftSize; s += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = cos[k * step];
          double wi = sin[k * step];
          int a = s + k;
          int b = a + len / 2;
          double tr = re[b] * wr - im[b] * wi;
          double ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    for (int k = 0; k < bins(); k++) {
      power[k] = (float) (re[k] * re[k] + im[k] * im[k]);
    }
  }
}
