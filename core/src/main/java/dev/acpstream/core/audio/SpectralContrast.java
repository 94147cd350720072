package dev.acpstream.core.audio;

/**
 * librosa 0.10 {@code feature.spectral_contrast(S=magnitude, sr)} averaged over a window's frames:
 * octave bands from 200 Hz (a sub-band below 200 Hz, then six octaves, the last running to
 * Nyquist); per band and frame the mean of the top and of the bottom 2 % of magnitudes (at least
 * one bin each); the contrast is {@code power_to_db(peak) - power_to_db(valley)}, where each of the
 * two dB matrices has its OWN floor at its window-wide maximum minus 80 dB.
 *
 * <p>librosa's band edges are quirky and kept: every band above the first also takes the bin just
 * below its lower edge, every band but the last drops its top bin, and the quantile count is taken
 * from the band size before that drop. Immutable and thread-safe.
 */
public final class SpectralContrast {

  public static final int BANDS = 6;
  public static final int VALUES = BANDS + 1;
  public static final double FMIN_HZ = 200.0;
  public static final double QUANTILE = 0.02;
  private static final double AMIN = 1e-10;
  private static final double TOP_DB = 80.0;

  private final int bins;
  private final int[] from = new int[VALUES];
  private final int[] to = new int[VALUES];
  private final int[] take = new int[VALUES];
  private final int widest;
  private final int widestBand;

  public SpectralContrast(int sampleRate) {
    this(sampleRate, Stft.N_FFT);
  }

  public SpectralContrast(int sampleRate, int nFft) {
    if (sampleRate <= 0 || nFft < 2) {
      throw new IllegalArgumentException(
          "spectral contrast needs sr > 0 and n_fft >= 2; got sr=" + sampleRate + ", n_fft=" + nFft);
    }
    this.bins = nFft / 2 + 1;
    double[] freq = MelFilterBank.linspace(0, sampleRate / 2.0, bins);
    double[] octa = new double[BANDS + 2];
    for (int i = 1; i < octa.length; i++) {
      octa[i] = FMIN_HZ * Math.pow(2.0, i - 1);
    }
    for (int i = 0; i < BANDS + 1; i++) {
      if (octa[i] >= 0.5 * sampleRate) {
        throw new IllegalArgumentException(
            "spectral contrast band edge " + octa[i] + " Hz exceeds Nyquist at sr=" + sampleRate);
      }
    }
    int w = 0;
    int wb = 0;
    for (int b = 0; b < VALUES; b++) {
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        if (freq[k] >= octa[b] && freq[k] <= octa[b + 1]) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        throw new IllegalArgumentException(
            "spectral contrast band " + b + " holds no FFT bin at sr=" + sampleRate + ", n_fft=" + nFft);
      }
      int start = b > 0 ? first - 1 : first;
      int end = b == BANDS ? bins : last + 1;
      int count = end - start;
      take[b] = (int) Math.max(Math.rint(QUANTILE * count), 1);
      from[b] = start;
      to[b] = b < BANDS ? end - 1 : end;
      if (to[b] - from[b] < take[b]) {
        // Only the lowest band can end up empty (librosa's dropped top bin): too coarse an FFT.
        throw new IllegalArgumentException(
            "spectral contrast band " + b + " keeps no FFT bin at sr=" + sampleRate + ", n_fft=" + nFft);
      }
      w = Math.max(w, take[b]);
      wb = Math.max(wb, to[b] - from[b]);
    }
    this.widest = w;
    this.widestBand = wb;
  }

  /** Mean contrast (7 values, lowest band first) of a frame-major magnitude spectrogram. */
  public float[] meanContrast(float[] magnitude, int frames) {
    SpectrogramShape.require("magnitude spectrogram", magnitude.length, frames, bins);
    double[] peakDb = new double[frames * VALUES];
    double[] valleyDb = new double[frames * VALUES];
    BandExtremes extremes = new BandExtremes(VALUES, widestBand, widest);
    double peakMax = Double.NEGATIVE_INFINITY;
    double valleyMax = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      for (int b = 0; b < VALUES; b++) {
        int q = take[b];
        extremes.find(magnitude, o + from[b], o + to[b], b, q);
        double p = powerToDb(mean(extremes.high(), q));
        double v = powerToDb(mean(extremes.low(), q));
        peakDb[t * VALUES + b] = p;
        valleyDb[t * VALUES + b] = v;
        peakMax = Math.max(peakMax, p);
        valleyMax = Math.max(valleyMax, v);
      }
    }
    double peakFloor = peakMax - TOP_DB;
    double valleyFloor = valleyMax - TOP_DB;
    double[] sum = new double[VALUES];
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b < VALUES; b++) {
        int i = t * VALUES + b;
        sum[b] += Math.max(peakDb[i], peakFloor) - Math.max(valleyDb[i], valleyFloor);
      }
    }
    float[] out = new float[VALUES];
    for (int b = 0; b < VALUES; b++) {
      out[b] = (float) (sum[b] / frames);
    }
    return out;
  }

  private static float mean(float[] a, int q) {
    double s = 0;
    for (int i = 0; i < q; i++) {
      s += a[i];
    }
    return (float) (s / q);
  }

  private static double powerToDb(double x) {
    return 10.0 * Math.log10(Math.max(AMIN, x));
  }
}
