package dev.acpstream.core.audio;

/**
 * librosa 0.10 {@code filters.chroma(sr, n_fft, tuning)} with its defaults (12 classes, Gaussian
 * bumps two classes wide per FFT bin, columns L2-normalised, then weighted by a Gaussian over
 * octaves centred on octave 5 with a width of 2 octaves, rows rotated so that class 0 is C).
 *
 * <p>The bank depends on the tuning, which is estimated per window, so one is built per window;
 * that costs about 12 x 2048 exponentials, small next to applying it. Immutable and thread-safe.
 */
public final class ChromaFilterBank {

  public static final int CLASSES = 12;
  private static final double CENTRE_OCTAVE = 5.0;
  private static final double OCTAVE_WIDTH = 2.0;

  private final int bins;
  /** Class-major: weight of class {@code c} for FFT bin {@code k} at {@code c * bins + k}. */
  private final float[] weights;

  /**
   * @param tuning deviation from A440 in fractions of a chroma bin, from {@link Tuning}
   */
  public ChromaFilterBank(int sampleRate, int nFft, double tuning) {
    if (sampleRate <= 0 || nFft < 2) {
      throw new IllegalArgumentException(
          "chroma bank needs sr > 0 and n_fft >= 2; got sr=" + sampleRate + ", n_fft=" + nFft);
    }
    if (!(tuning >= -0.5 && tuning <= 0.5)) {
      throw new IllegalArgumentException("tuning must lie in [-0.5, 0.5], got " + tuning);
    }
    this.bins = nFft / 2 + 1;
    double a440 = 440.0 * Math.pow(2.0, tuning / CLASSES);
    double ref = a440 / 16;
    // Chroma-bin position of every FFT bin up to (not incl.) sr; bin 0 gets a made-up value 1.5
    // octaves below bin 1, so its weights spread over all classes.
    double[] frq = new double[nFft];
    double step = (double) sampleRate / nFft;
    for (int k = 1; k < nFft; k++) {
      frq[k] = CLASSES * log2((k * step) / ref);
    }
    frq[0] = frq[1] - 1.5 * CLASSES;
    double half = Math.rint(CLASSES / 2.0);
    this.weights = new float[bins * CLASSES];
    double[] column = new double[CLASSES];
    for (int k = 0; k < bins; k++) {
      double width = k < nFft - 1 ? Math.max(frq[k + 1] - frq[k], 1.0) : 1.0;
      double sumSq = 0;
      for (int c = 0; c < CLASSES; c++) {
        double d = ((frq[k] - c + half + 10.0 * CLASSES) % CLASSES) - half;
        double g = 2 * d / width;
        column[c] = Math.exp(-0.5 * g * g);
        sumSq += column[c] * column[c];
      }
      double norm = Math.sqrt(sumSq);
      double scale = norm < Double.MIN_NORMAL ? 1.0 : 1.0 / norm;
      double oct = (frq[k] / CLASSES - CENTRE_OCTAVE) / OCTAVE_WIDTH;
      double octaveWeight = Math.exp(-0.5 * oct * oct);
      for (int c = 0; c < CLASSES; c++) {
        // Rotate by -3 so that row 0 is C rather than A.
        int src = (c + 3) % CLASSES;
        weights[c * bins + k] = (float) (column[src] * scale * octaveWeight);
      }
    }
  }

  public int bins() {
    return bins;
  }

  public float weight(int chromaClass, int bin) {
    return weights[chromaClass * bins + bin];
  }

  /** Raw (un-normalised) chroma of one spectrum frame starting at {@code offset}, into out[0..12). */
  void project(float[] spectrum, int offset, float[] out) {
    int tail = bins & ~3;
    for (int c = 0; c < CLASSES; c++) {
      int w = c * bins;
      // Four independent partial sums let the multiply-adds overlap in the pipeline.
      float a0 = 0f;
      float a1 = 0f;
      float a2 = 0f;
      float a3 = 0f;
      for (int k = 0; k < tail; k += 4) {
        a0 += weights[w + k] * spectrum[offset + k];
        a1 += weights[w + k + 1] * spectrum[offset + k + 1];
        a2 += weights[w + k + 2] * spectrum[offset + k + 2];
        a3 += weights[w + k + 3] * spectrum[offset + k + 3];
      }
      for (int k = tail; k < bins; k++) {
        a0 += weights[w + k] * spectrum[offset + k];
      }
      out[c] = (a0 + a1) + (a2 + a3);
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }
}
