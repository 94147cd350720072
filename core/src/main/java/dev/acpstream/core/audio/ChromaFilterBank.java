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
  /** Frames per projection block: the gathered columns and the block's sums stay in L1. */
  private static final int BLOCK = 128;
  /** Bins transposed at a time: one 64-byte cache line of a frame. */
  private static final int TILE = 16;
  /**
   * Weights below this fraction of their bin's largest weight are left out of the projection.
   * Every frame's largest class holds at least 1/12 of the sum over bins of (largest weight x
   * magnitude), so what is dropped moves a normalised chroma value by at most 12 x 1e-9, far below
   * float rounding; at the upper bins, where the Gaussians are one class wide, it halves the work.
   */
  private static final double NEGLIGIBLE = 1e-9;

  private final int bins;
  /** Class-major: weight of class {@code c} for FFT bin {@code k} at {@code c * bins + k}. */
  private final float[] weights;
  /** The same weights bin-major without the negligible ones: bin k's are [columnStart[k], columnStart[k + 1]). */
  private final int[] columnStart;
  private final int[] sparseClass;
  private final float[] sparseWeight;

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
    // Chroma-bin position of the FFT bins (librosa computes all n_fft up to sr; the bank reads
    // only bins + 1 of them); bin 0 gets a made-up value 1.5 octaves below bin 1, so its weights
    // spread over all classes.
    double[] frq = new double[Math.min(nFft, bins + 1)];
    double step = (double) sampleRate / nFft;
    for (int k = 1; k < frq.length; k++) {
      frq[k] = CLASSES * log2((k * step) / ref);
    }
    frq[0] = frq[1] - 1.5 * CLASSES;
    double half = Math.rint(CLASSES / 2.0);
    this.weights = new float[bins * CLASSES];
    double[] column = new double[CLASSES];
    this.columnStart = new int[bins + 1];
    int[] classes = new int[bins * CLASSES];
    float[] kept = new float[bins * CLASSES];
    int e = 0;
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
      float largest = 0f;
      for (int c = 0; c < CLASSES; c++) {
        // Rotate by -3 so that row 0 is C rather than A.
        int src = (c + 3) % CLASSES;
        float w = (float) (column[src] * scale * octaveWeight);
        weights[c * bins + k] = w;
        largest = Math.max(largest, w);
      }
      for (int c = 0; c < CLASSES; c++) {
        float w = weights[c * bins + k];
        if (w != 0f && w >= NEGLIGIBLE * largest) {
          classes[e] = c;
          kept[e++] = w;
        }
      }
      columnStart[k + 1] = e;
    }
    this.sparseClass = java.util.Arrays.copyOf(classes, e);
    this.sparseWeight = java.util.Arrays.copyOf(kept, e);
  }

  public int bins() {
    return bins;
  }

  public float weight(int chromaClass, int bin) {
    return weights[chromaClass * bins + bin];
  }

  /**
   * Raw (un-normalised) chroma of every frame of a frame-major spectrum: class {@code c} of frame
   * {@code t} into {@code out[t * 12 + c]}.
   *
   * <p>A frame's 12 dot products over 1025 bins are reductions, which C2 does not vectorise. So
   * the frames are taken in blocks: each bin's values over the block are gathered into one
   * contiguous column, and every class that weighs the bin adds {@code weight * column} to its own
   * row of per-frame sums, a loop C2 turns into SIMD. Within a sum the bins still come in
   * ascending order, so only float rounding separates it from the dense dot product.
   */
  void project(float[] spectrum, int frames, float[] out) {
    if ((long) frames * bins != spectrum.length || (long) frames * CLASSES > out.length) {
      throw new IllegalArgumentException(
          "spectrum of length " + spectrum.length + " is not " + frames + " frames of " + bins
              + " bins, or the chroma output is too short");
    }
    float[][] columns = new float[TILE][BLOCK];
    float[][] sums = new float[CLASSES][BLOCK];
    for (int t0 = 0; t0 < frames; t0 += BLOCK) {
      int n = Math.min(BLOCK, frames - t0);
      for (float[] row : sums) {
        java.util.Arrays.fill(row, 0f);
      }
      for (int k0 = 0; k0 < bins; k0 += TILE) {
        int width = Math.min(TILE, bins - k0);
        // Transpose a tile of bins: each frame's TILE neighbouring bins share one cache line.
        for (int j = 0; j < n; j++) {
          int src = (t0 + j) * bins + k0;
          for (int i = 0; i < width; i++) {
            columns[i][j] = spectrum[src + i];
          }
        }
        for (int i = 0; i < width; i++) {
          float[] column = columns[i];
          int k = k0 + i;
          for (int e = columnStart[k]; e < columnStart[k + 1]; e++) {
            float w = sparseWeight[e];
            float[] row = sums[sparseClass[e]];
            for (int j = 0; j < n; j++) {
              row[j] += w * column[j];
            }
          }
        }
      }
      for (int j = 0; j < n; j++) {
        int o = (t0 + j) * CLASSES;
        for (int c = 0; c < CLASSES; c++) {
          out[o + c] = sums[c][j];
        }
      }
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }
}
