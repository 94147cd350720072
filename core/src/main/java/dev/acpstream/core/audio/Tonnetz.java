package dev.acpstream.core.audio;

/**
 * The paper's 6 tonal-centroid features as librosa 0.10 computes them for the 193-d vector:
 * {@code tonnetz(y=effects.harmonic(y))}. The harmonic part of the window ({@link Hpss}) gives a
 * CQT chroma ({@link ChromaCqt}, tuning estimated on the harmonic signal); each frame's chroma is
 * L1-normalised and projected on the circles of fifths, minor thirds and major thirds (Harte et
 * al. 2006: radii 1, 1, 0.5), giving one 6-d point per frame. The separation covers the band
 * up to 4.5 kHz only ({@link Hpss#CHROMA_BAND_BINS}: 41 % of the cost, within 3.3e-5 of librosa
 * on the parity clips).
 *
 * <p>Thread-safe.
 */
public final class Tonnetz implements TonnetzFunction {

  public static final int DIM = 6;

  private static final double[][] PHI = projection();

  private final Hpss hpss = new Hpss(Hpss.CHROMA_BAND_BINS);
  private final ChromaCqt chromaCqt = new ChromaCqt();
  private final Stft stft = new Stft();
  private final Tuning tuning = new Tuning(MusicFeatures193.SAMPLE_RATE);

  /**
   * Mean over frames of the tonnetz of one window of mono samples at 22050 Hz.
   *
   * @throws IllegalArgumentException if the window is empty or holds a non-finite sample
   */
  @Override
  public float[] meanTonnetz(float[] window) {
    requireSamples(window);
    return meanOfHarmonic(hpss.harmonic(window));
  }

  /**
   * As {@link #meanTonnetz(float[])}, reusing the window's STFT for the separation.
   *
   * @throws IllegalArgumentException also if {@code windowStft} is not the window's STFT shape
   */
  @Override
  public float[] meanTonnetz(float[] window, Stft.Spectrogram windowStft) {
    requireSamples(window);
    return meanOfHarmonic(hpss.harmonic(window, windowStft));
  }

  /**
   * As {@link #meanTonnetz(float[], Stft.Spectrogram)}, reusing the window's magnitudes too.
   *
   * @throws IllegalArgumentException also if {@code magnitude} does not match the spectrogram
   */
  @Override
  public float[] meanTonnetz(float[] window, Stft.Spectrogram windowStft, float[] magnitude) {
    requireSamples(window);
    return meanOfHarmonic(hpss.harmonic(window, windowStft, magnitude));
  }

  private static void requireSamples(float[] window) {
    if (window == null || window.length == 0) {
      throw new IllegalArgumentException("tonnetz needs a non-empty window of samples");
    }
  }

  private float[] meanOfHarmonic(float[] harmonic) {
    // chroma_cqt calls estimate_tuning(y, bins_per_octave=36): piptrack on |STFT(y_harmonic)|.
    // The harmonic part has nothing above bin 420 of 1025 (4.5 kHz), below a quarter of the
    // sample rate, so its STFT and the CQT's first halving take the band-limited shortcuts.
    double offset = tuning.estimate(stft.forwardBandLimited(harmonic), ConstantQ.BINS_PER_OCTAVE);
    float[] chroma = chromaCqt.chromaOfBandLimited(harmonic, offset);
    int frames = chroma.length / ChromaCqt.CLASSES;
    double[] sum = new double[DIM];
    for (int t = 0; t < frames; t++) {
      int o = t * ChromaCqt.CLASSES;
      float l1 = 0f;
      for (int k = 0; k < ChromaCqt.CLASSES; k++) {
        l1 += Math.abs(chroma[o + k]);
      }
      float norm = l1 < Float.MIN_NORMAL ? 1f : l1;
      for (int p = 0; p < DIM; p++) {
        double acc = 0;
        for (int k = 0; k < ChromaCqt.CLASSES; k++) {
          acc += PHI[p][k] * (chroma[o + k] / norm);
        }
        sum[p] += (float) acc;
      }
    }
    float[] mean = new float[DIM];
    for (int p = 0; p < DIM; p++) {
      mean[p] = (float) (sum[p] / frames);
    }
    return mean;
  }

  /** Rows: sin/cos of fifths (r=1), minor thirds (r=1), major thirds (r=0.5). */
  private static double[][] projection() {
    double[] scale = {7.0 / 6, 7.0 / 6, 3.0 / 2, 3.0 / 2, 2.0 / 3, 2.0 / 3};
    double[] radius = {1, 1, 1, 1, 0.5, 0.5};
    double[][] phi = new double[DIM][ChromaCqt.CLASSES];
    for (int p = 0; p < DIM; p++) {
      for (int k = 0; k < ChromaCqt.CLASSES; k++) {
        double v = scale[p] * k - (p % 2 == 0 ? 0.5 : 0.0);
        phi[p][k] = radius[p] * Math.cos(Math.PI * v);
      }
    }
    return phi;
  }
}
