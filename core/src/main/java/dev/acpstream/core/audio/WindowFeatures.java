package dev.acpstream.core.audio;

/**
 * The paper's 193-d vector of one window ({@link MusicFeatures193} layout), each group the mean
 * over the window's STFT frames, as librosa 0.10 computes it: mfcc, chroma_stft, melspectrogram,
 * spectral_contrast and tonnetz.
 *
 * <p>One STFT per window serves every group: mel and mfcc use its power (squared on the fly), chroma and contrast its
 * magnitude, and the {@link TonnetzFunction} is handed the complex spectrogram and its magnitude,
 * exactly what its HPSS starts from. Immutable and thread-safe.
 */
public final class WindowFeatures implements WindowFeatureExtractor {

  /** The groups that come from the window's STFT: [0, 187). */
  public static final int SPECTRAL_DIM = MusicFeatures193.TONNETZ.from();

  private final MagnitudeStft stft = new MagnitudeStft();
  private final MelFilterBank melBank = new MelFilterBank(MusicFeatures193.SAMPLE_RATE);
  private final Mfcc mfcc = new Mfcc();
  private final ChromaStft chroma = new ChromaStft(MusicFeatures193.SAMPLE_RATE);
  private final SpectralContrast contrast = new SpectralContrast(MusicFeatures193.SAMPLE_RATE);
  private final TonnetzFunction tonnetz;

  public WindowFeatures(TonnetzFunction tonnetz) {
    if (tonnetz == null) {
      throw new IllegalArgumentException("a tonnetz function is required for the 193-d vector");
    }
    this.tonnetz = tonnetz;
  }

  @Override
  public float[] extract(float[] window) {
    checkWindow(window);
    MagnitudeStft.Result spec = stft.forward(window);
    float[] out = new float[MusicFeatures193.DIM];
    spectral(spec, out);
    float[] t = tonnetz.meanTonnetz(window, spec.spectrogram(), spec.magnitude());
    if (t == null || t.length != MusicFeatures193.TONNETZ.size()) {
      throw new IllegalStateException(
          "tonnetz function returned "
              + (t == null ? "null" : t.length + " values")
              + ", expected "
              + MusicFeatures193.TONNETZ.size());
    }
    System.arraycopy(t, 0, out, MusicFeatures193.TONNETZ.from(), t.length);
    return out;
  }

  /**
   * The STFT-based groups (mfcc, chroma, mel, contrast) of one window into out[0, 187); the
   * tonnetz slots are left untouched.
   *
   * @throws IllegalArgumentException if the window is empty or holds a non-finite sample
   */
  public void spectral(float[] window, float[] out) {
    checkWindow(window);
    spectral(stft.forward(window), out);
  }

  private void spectral(MagnitudeStft.Result spec, float[] out) {
    if (out.length < SPECTRAL_DIM) {
      throw new IllegalArgumentException("output holds " + out.length + " < " + SPECTRAL_DIM);
    }
    int frames = spec.spectrogram().frames();
    float[] magnitude = spec.magnitude();
    int bands = melBank.bands();
    float[] mel = new float[frames * bands];
    melBank.applyToMagnitude(magnitude, frames, mel);

    put(out, MusicFeatures193.MFCC, mfcc.meanMfcc(mel, frames));
    put(out, MusicFeatures193.CHROMA, chroma.meanChroma(magnitude, frames));
    put(out, MusicFeatures193.MEL, meanOverFrames(mel, frames, bands));
    put(out, MusicFeatures193.CONTRAST, contrast.meanContrast(magnitude, frames));
  }

  static float[] meanOverFrames(float[] frameMajor, int frames, int width) {
    double[] sum = new double[width];
    for (int t = 0; t < frames; t++) {
      int o = t * width;
      for (int i = 0; i < width; i++) {
        sum[i] += frameMajor[o + i];
      }
    }
    float[] mean = new float[width];
    for (int i = 0; i < width; i++) {
      mean[i] = (float) (sum[i] / frames);
    }
    return mean;
  }

  private static void put(float[] out, MusicFeatures193.Group group, float[] values) {
    if (values.length != group.size()) {
      throw new IllegalStateException(group.name() + " produced " + values.length + " values");
    }
    System.arraycopy(values, 0, out, group.from(), values.length);
  }

  private static void checkWindow(float[] window) {
    if (window == null || window.length == 0) {
      throw new IllegalArgumentException("a feature window needs at least one sample");
    }
    for (int i = 0; i < window.length; i++) {
      if (!Float.isFinite(window[i])) {
        throw new IllegalArgumentException(
            "feature window holds " + window[i] + " at sample " + i + " of " + window.length);
      }
    }
  }
}
