package dev.acpstream.core.audio;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * Halves the sample rate the way librosa 0.10's CQT does between octaves:
 * {@code resample(y, orig_sr=2, target_sr=1, res_type='soxr_hq', scale=True)}.
 *
 * <p>soxr's HQ recipe is a linear-phase low-pass with 20-bit precision (about 120 dB stop-band
 * rejection), pass band to 0.913 and stop band from 1.0 of the output Nyquist frequency, with its
 * delay removed. This is a Kaiser-windowed sinc to that specification, applied with zero
 * extension at both ends, so output sample m sits on input sample 2m. {@code scale=True}
 * multiplies by sqrt(2) to keep the energy of the halved signal. Output length is ceil(n / 2), as
 * librosa fixes it. The transition band matters: a shorter, wider-band filter moves a tonnetz
 * window with a sine sweep by 5e-4, this one by 1e-5.
 *
 * <p>The 360-tap filter runs as FFT overlap-save convolution (blocks of 4096), several times
 * cheaper than direct convolution at this length. Immutable and thread-safe.
 */
final class HalfRateResampler {

  private static final double PASS_END = 0.913;
  private static final double STOP_BEGIN = 1.0;
  private static final double REJECTION_DB = 120.0;
  private static final int FFT_SIZE = 4096;

  /**
   * Input samples at each end of a band-limited signal whose outputs are still filtered: the
   * harmonic part of an ISTFT is band-limited only where all four frames overlap, which starts
   * 512 samples in and ends 512 to 1023 samples before the end (N_FFT / 2 at most); the filter
   * reaches {@code half} samples further.
   */
  private static final int BAND_LIMITED_EDGE = 1024;

  private final int half;
  /** The symmetric filter's taps h[0..half] with the output gain applied, for direct filtering. */
  private final double[] taps;
  /** Spectrum of the causal filter g[i] = h[i - half], packed as FloatFFT.realForward leaves it. */
  private final float[] spectrum;

  HalfRateResampler() {
    // Frequencies in cycles per input sample; the output Nyquist is a quarter of that rate.
    double pass = PASS_END * 0.25;
    double stop = STOP_BEGIN * 0.25;
    double cutoff = 0.5 * (pass + stop);
    double transition = stop - pass;
    double beta = 0.1102 * (REJECTION_DB - 8.7);
    int length = (int) Math.ceil((REJECTION_DB - 8.0) / (2.285 * 2 * Math.PI * transition)) + 1;
    half = length / 2 + 1;
    double[] h = new double[half + 1];
    double sum = 0;
    double i0Beta = Resampler.besselI0(beta);
    for (int j = 0; j <= half; j++) {
      double x = 2 * cutoff * j;
      double sinc = j == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = (double) j / (half + 1);
      double w = Resampler.besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      h[j] = 2 * cutoff * sinc * w;
      sum += j == 0 ? h[j] : 2 * h[j];
    }
    // Unit gain at DC, the sqrt(2) of librosa's scale=True, and FloatFFT's 1/n on the way back.
    spectrum = new float[FFT_SIZE];
    double gain = Math.sqrt(2.0) / sum;
    taps = new double[half + 1];
    for (int j = 0; j <= half; j++) {
      taps[j] = h[j] * gain;
    }
    for (int i = 0; i <= 2 * half; i++) {
      spectrum[i] = (float) (h[Math.abs(i - half)] * gain);
    }
    new FloatFFT(FFT_SIZE).realForward(spectrum);
  }

  float[] halve(float[] x) {
    int n = x.length;
    int outLen = (n + 1) / 2;
    float[] y = new float[outLen];
    int taps = 2 * half + 1;
    int block = FFT_SIZE - taps + 1; // even, so every block starts on an output sample
    FloatFFT fft = new FloatFFT(FFT_SIZE);
    FloatFFT halfFft = new FloatFFT(FFT_SIZE / 2);
    float[] u = new float[FFT_SIZE];
    float[] even = new float[FFT_SIZE / 2];
    // Full-rate output c[i] = sum_j h[j] x[i - j]; segment k of u holds x[n0 - half + k - ...].
    for (int n0 = 0; n0 < 2 * outLen; n0 += block) {
      int first = n0 + half - (taps - 1);
      // u[k] = x[first + k], zero outside the signal.
      int from = Math.max(0, -first);
      int to = Math.max(from, Math.min(FFT_SIZE, n - first));
      java.util.Arrays.fill(u, 0, from, 0f);
      System.arraycopy(x, first + from, u, from, to - from);
      java.util.Arrays.fill(u, to, FFT_SIZE, 0f);
      fft.realForward(u);
      multiplyPacked(u, spectrum);
      // Only the even samples are kept (taps - 1 is even): they are the half-size inverse of the
      // spectrum folded onto its lower half, C[k] + C[k + N/2] = C[k] + conj C[N/2 - k].
      foldPacked(u, even);
      halfFft.realInverse(even, true);
      int limit = Math.min(block, 2 * outLen - n0);
      System.arraycopy(even, (taps - 1) / 2, y, n0 / 2, (limit + 1) / 2);
    }
    return y;
  }

  /**
   * {@link #halve} for a signal with nothing above the filter's pass band (below 0.913 of the
   * output Nyquist frequency, e.g. 5033 Hz for 22050-Hz input) except near its ends. There the
   * filter passes the signal unchanged (its ripple is about 1e-6), so output m is sqrt(2) x[2m];
   * only the outputs within {@link #BAND_LIMITED_EDGE} + the filter's reach of either end are
   * filtered, directly. On HPSS's harmonic band (below 4.5 kHz) this differs from {@link #halve}
   * by 3.5e-7 of the peak, float32 rounding of the ISTFT, and costs a small fraction of it.
   */
  float[] halveBandLimited(float[] x) {
    int n = x.length;
    int outLen = (n + 1) / 2;
    float[] y = new float[outLen];
    int reach = BAND_LIMITED_EDGE + half;
    double gain = Math.sqrt(2.0);
    for (int m = 0; m < outLen; m++) {
      int i = 2 * m;
      if (i < reach || i >= n - reach) {
        y[m] = filteredAt(x, i);
      } else {
        y[m] = (float) (gain * x[i]);
      }
    }
    return y;
  }

  /** The filter's output on input sample i, zero outside the signal. */
  private float filteredAt(float[] x, int i) {
    double acc = taps[0] * x[i];
    // Taps whose both neighbours lie inside the signal first, without bounds tests.
    int both = Math.min(half, Math.min(i, x.length - 1 - i));
    for (int j = 1; j <= both; j++) {
      acc += taps[j] * ((double) x[i - j] + (double) x[i + j]);
    }
    for (int j = both + 1; j <= half; j++) {
      double left = i - j >= 0 ? x[i - j] : 0.0;
      double right = i + j < x.length ? x[i + j] : 0.0;
      acc += taps[j] * (left + right);
    }
    return (float) acc;
  }

  /**
   * The half-size packed spectrum whose real inverse gives the even samples of {@code c}'s: bins
   * k <= N/4 of C[k] + conj C[N/2 - k], halved to undo the inverse's scaling by 2/N instead of
   * 1/N. Packed as FloatFFT leaves it: [0] DC, [1] Nyquist, then re/im pairs.
   */
  private static void foldPacked(float[] c, float[] folded) {
    int n = c.length;
    int h = n / 2; // C[h] is c's Nyquist bin, stored at c[1]
    int q = n / 4;
    // k = 0: C[0] + C[h], both real.
    folded[0] = 0.5f * (c[0] + c[1]);
    // k = q, the half-size Nyquist: C[q] + conj C[q] = 2 Re C[q].
    folded[1] = c[2 * q];
    for (int k = 1; k < q; k++) {
      int a = 2 * k;
      int b = 2 * (h - k);
      folded[a] = 0.5f * (c[a] + c[b]);
      folded[a + 1] = 0.5f * (c[a + 1] - c[b + 1]);
    }
  }

  /** a *= b for two spectra in FloatFFT's packed real layout. */
  private static void multiplyPacked(float[] a, float[] b) {
    a[0] *= b[0];
    a[1] *= b[1];
    for (int k = 2; k < a.length; k += 2) {
      float re = a[k] * b[k] - a[k + 1] * b[k + 1];
      float im = a[k] * b[k + 1] + a[k + 1] * b[k];
      a[k] = re;
      a[k + 1] = im;
    }
  }
}
