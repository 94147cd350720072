package dev.acpstream.core.audio;

/**
 * Halves the sample rate the way librosa 0.10's CQT does between octaves:
 * {@code resample(y, orig_sr=2, target_sr=1, res_type='soxr_hq', scale=True)}.
 *
 * <p>soxr's HQ recipe is a linear-phase low-pass with 20-bit precision (about 120 dB stop-band
 * rejection), pass band to 0.913 and stop band from 1.0 of the output Nyquist frequency, with its
 * delay removed. This is a Kaiser-windowed sinc to that specification, applied with zero
 * extension at both ends, so output sample m sits on input sample 2m. {@code scale=True}
 * multiplies by sqrt(2) to keep the energy of the halved signal. Output length is ceil(n / 2), as
 * librosa fixes it.
 *
 * <p>Immutable and thread-safe.
 */
final class HalfRateResampler {

  private static final double PASS_END = 0.913;
  private static final double STOP_BEGIN = 1.0;
  private static final double REJECTION_DB = 120.0;

  private final float[] taps; // taps[j] = h[j] = h[-j], j = 0..half
  private final int half;

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
    double i0Beta = besselI0(beta);
    for (int j = 0; j <= half; j++) {
      double x = 2 * cutoff * j;
      double sinc = j == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = (double) j / (half + 1);
      double w = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      h[j] = 2 * cutoff * sinc * w;
      sum += j == 0 ? h[j] : 2 * h[j];
    }
    // Unit gain at DC, then the sqrt(2) of librosa's scale=True.
    taps = new float[half + 1];
    for (int j = 0; j <= half; j++) {
      taps[j] = (float) (h[j] / sum * Math.sqrt(2.0));
    }
  }

  float[] halve(float[] x) {
    int n = x.length;
    int outLen = (n + 1) / 2;
    float[] y = new float[outLen];
    for (int m = 0; m < outLen; m++) {
      int c = 2 * m;
      double acc = taps[0] * x[c];
      int jMax = Math.min(half, Math.max(c, n - 1 - c));
      for (int j = 1; j <= jMax; j++) {
        int a = c - j;
        int b = c + j;
        float s = (a >= 0 ? x[a] : 0f) + (b < n ? x[b] : 0f);
        acc += taps[j] * s;
      }
      y[m] = (float) acc;
    }
    return y;
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 200; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
