package dev.acpstream.core.audio;

/**
 * The tonnetz group of the 193-d vector: the mean over frames of the 6 tonal-centroid values of
 * one window of mono samples at {@link MusicFeatures193#SAMPLE_RATE}. The tonnetz implementation
 * ({@code Tonnetz::meanTonnetz}) plugs in here. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TonnetzFunction {

  float[] meanTonnetz(float[] window);

  /**
   * As {@link #meanTonnetz(float[])}, handed the window's STFT that {@link WindowFeatures} has
   * already computed ({@link Stft}'s parameters, the same transform HPSS starts from). An
   * implementation that runs HPSS can override this to skip its own forward STFT; by default the
   * spectrogram is ignored. The spectrogram must not be modified.
   */
  default float[] meanTonnetz(float[] window, Stft.Spectrogram windowStft) {
    return meanTonnetz(window);
  }

  /**
   * As {@link #meanTonnetz(float[], Stft.Spectrogram)}, also handed |windowStft| (frame-major,
   * {@link Stft#BINS} per frame), which {@link WindowFeatures} has too; neither may be modified.
   * By default the magnitudes are ignored.
   */
  default float[] meanTonnetz(float[] window, Stft.Spectrogram windowStft, float[] magnitude) {
    return meanTonnetz(window, windowStft);
  }
}
