package dev.acpstream.core.audio;

/** Ready-made {@link WindowFeatureExtractor}s. */
public final class WindowFeatureExtractors {

  private WindowFeatureExtractors() {}

  /**
   * The paper's 193-d vector exactly as librosa 0.10 computes it: mfcc, chroma_stft, mel and
   * spectral contrast from one STFT ({@link WindowFeatures}) plus tonnetz on the harmonic signal
   * ({@link Tonnetz}). Thread-safe.
   */
  public static WindowFeatureExtractor paper193() {
    return new WindowFeatures(new Tonnetz());
  }
}
