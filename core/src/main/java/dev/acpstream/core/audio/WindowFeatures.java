package dev.acpstream.core.audio;

/**
 * The paper's 193-d vector of one window ({@link MusicFeatures193} layout), each group the mean
 * over the window's STFT frames, as librosa 0.10 computes it: mfcc, chroma_stft, melspectrogram,
 * spectral_contrast and tonnetz.
 *
 * <p>One STFT per window serves the four spectral groups: mel and mfcc use its power, chroma and
 * contrast its magnitude. Tonnetz works on the harmonic signal and comes from a
 * {@link TonnetzFunction}. Immutable and thread-safe.
 */
public final class WindowFeatures implements WindowFeatureExtractor {

  /** The groups that come from the window's STFT: [0, 187). */
  public static final int SPECTRAL_DIM = MusicFeatures193.TONNETZ.from();

  private final Stft stft = new Stft();
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
    float[] out = new float[MusicFeatures193.DIM];
    spectral(window, out);
    float[] t = tonnetz.meanTonnetz(window);
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
    if (out.length < SPECTRAL_DIM) {
      throw new IllegalArgumentException("output holds " + out.length + " < " + SPECTRAL_DIM);
    }
    Stft.Spectrogram spec = stft.forward(window);
    int frames = spec.frames();
    float[] magnitude = spec.magnitude();
    float[] power = new float[magnitude.length];
    for (int i = 0; i < power.length; i++) {
      power[i] = magnitude[i] * magnitude[i];
    }
    int bands = melBank.bands();
    float[] mel = new float[frames * bands];
    melBank.apply(power, frames, mel);

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
