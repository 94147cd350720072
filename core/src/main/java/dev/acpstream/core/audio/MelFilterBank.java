package dev.acpstream.core.audio;

/**
 * librosa 0.10 {@code filters.mel(sr, n_fft=2048)} with the paper's settings: 128 triangular bands
 * from 0 Hz to Nyquist on the Slaney mel scale (linear below 1 kHz, logarithmic above), each band
 * scaled to unit area (Slaney norm: 2 / bandwidth in Hz).
 *
 * <p>Stored sparsely: each band keeps only its non-zero run of FFT bins, so applying the bank costs
 * about two multiply-adds per bin instead of 128. Immutable and thread-safe.
 */
public final class MelFilterBank {

  public static final int BANDS = 128;

  private final int bins;
  private final int[] firstBin;
  private final float[][] weights;

  /** The paper's bank for {@link Stft}'s n_fft at {@code sampleRate}: fmin 0, fmax sr/2. */
  public MelFilterBank(int sampleRate) {
    this(sampleRate, Stft.N_FFT, BANDS, 0.0, sampleRate / 2.0);
  }

  public MelFilterBank(int sampleRate, int nFft, int bands, double fminHz, double fmaxHz) {
    if (sampleRate <= 0 || nFft < 2 || bands <= 0) {
      throw new IllegalArgumentException(
          "mel bank needs sr > 0, n_fft >= 2, bands > 0; got sr="
              + sampleRate
              + ", n_fft="
              + nFft
              + ", bands="
              + bands);
    }
    if (!(fminHz >= 0 && fminHz < fmaxHz)) {
      throw new IllegalArgumentException(
          "mel bank needs 0 <= fmin < fmax; got fmin=" + fminHz + ", fmax=" + fmaxHz);
    }
    this.bins = nFft / 2 + 1;
    double[] fftHz = linspace(0, sampleRate / 2.0, bins);
    double[] melHz = new double[bands + 2];
    double[] mels = linspace(hzToMel(fminHz), hzToMel(fmaxHz), bands + 2);
    for (int i = 0; i < melHz.length; i++) {
      melHz[i] = melToHz(mels[i]);
    }
    this.firstBin = new int[bands];
    this.weights = new float[bands][];
    float[] row = new float[bins];
    for (int m = 0; m < bands; m++) {
      double lowerWidth = melHz[m + 1] - melHz[m];
      double upperWidth = melHz[m + 2] - melHz[m + 1];
      double enorm = 2.0 / (melHz[m + 2] - melHz[m]);
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        double lower = -(melHz[m] - fftHz[k]) / lowerWidth;
        double upper = (melHz[m + 2] - fftHz[k]) / upperWidth;
        // librosa stores the triangle as float32 before scaling it by the area norm.
        float w = (float) Math.max(0.0, Math.min(lower, upper));
        row[k] = (float) (w * enorm);
        if (row[k] != 0f) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        // An empty band (librosa warns); it contributes zeros.
        firstBin[m] = 0;
        weights[m] = new float[0];
      } else {
        firstBin[m] = first;
        weights[m] = java.util.Arrays.copyOfRange(row, first, last + 1);
      }
    }
  }

  public int bands() {
    return weights.length;
  }

  /**
   * Mel spectrogram of a frame-major power spectrogram: band {@code m} of frame {@code t} lands at
   * {@code out[t * bands + m]}.
   */
  public void apply(float[] power, int frames, float[] out) {
    apply(power, frames, out, false);
  }

  /**
   * As {@link #apply} on {@code magnitude^2} (float32, as librosa's {@code np.abs(stft)**2}),
   * squaring on the fly instead of materialising a window-sized power spectrogram.
   */
  public void applyToMagnitude(float[] magnitude, int frames, float[] out) {
    apply(magnitude, frames, out, true);
  }

  private void apply(float[] spectrum, int frames, float[] out, boolean square) {
    int bands = weights.length;
    if ((long) frames * bins != spectrum.length || (long) frames * bands > out.length) {
      throw new IllegalArgumentException(
          "spectrogram of length "
              + spectrum.length
              + " is not "
              + frames
              + " frames of "
              + bins
              + " bins, or output is too short");
    }
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      int mo = t * bands;
      for (int m = 0; m < bands; m++) {
        float[] w = weights[m];
        int k0 = o + firstBin[m];
        float acc = 0f;
        if (square) {
          for (int j = 0; j < w.length; j++) {
            float a = spectrum[k0 + j];
            acc += w[j] * (a * a);
          }
        } else {
          for (int j = 0; j < w.length; j++) {
            acc += w[j] * spectrum[k0 + j];
          }
        }
        out[mo + m] = acc;
      }
    }
  }

  /** The dense weight of FFT bin {@code k} in band {@code m} (for inspection and tests). */
  public float weight(int m, int k) {
    int j = k - firstBin[m];
    return j >= 0 && j < weights[m].length ? weights[m][j] : 0f;
  }

  /** Slaney's mel scale (librosa {@code hz_to_mel(htk=False)}). */
  static double hzToMel(double hz) {
    double fSp = 200.0 / 3;
    if (hz >= 1000.0) {
      return 1000.0 / fSp + Math.log(hz / 1000.0) / (Math.log(6.4) / 27.0);
    }
    return hz / fSp;
  }

  static double melToHz(double mel) {
    double fSp = 200.0 / 3;
    double minLogMel = 1000.0 / fSp;
    if (mel >= minLogMel) {
      return 1000.0 * Math.exp(Math.log(6.4) / 27.0 * (mel - minLogMel));
    }
    return fSp * mel;
  }

  /** numpy.linspace with the endpoint: i * step + start, last element exactly {@code stop}. */
  static double[] linspace(double start, double stop, int n) {
    double[] v = new double[n];
    double step = (stop - start) / (n - 1);
    for (int i = 0; i < n; i++) {
      v[i] = i * step + start;
    }
    v[n - 1] = stop;
    return v;
  }
}
