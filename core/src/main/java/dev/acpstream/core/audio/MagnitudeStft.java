package dev.acpstream.core.audio;

/**
 * librosa's {@code np.abs(stft(y))} for the paper's recipe ({@link Stft}'s framing: n_fft 2048,
 * hop 512, periodic Hann, zero-padded centring), computed frame by frame straight into magnitudes.
 * The four STFT-based groups only need |X|, and skipping the complex spectrogram saves two
 * window-sized arrays and a pass over them: the STFT is most of those groups' cost.
 *
 * <p>Immutable and thread-safe; each call allocates its own scratch buffer.
 */
public final class MagnitudeStft {

  private final RealFft fft = new RealFft(Stft.N_FFT);
  private final double[] window = Stft.periodicHannF64(Stft.N_FFT);

  /** Frame-major |STFT| of {@code y}: bin k of frame t at {@code t * Stft.BINS + k}. */
  public float[] magnitude(float[] y) {
    int frames = Stft.frameCount(y.length);
    float[] mag = new float[frames * Stft.BINS];
    double[] scratch = new double[fft.scratchLength()];
    for (int t = 0; t < frames; t++) {
      fft.magnitude(y, t * Stft.HOP - Stft.N_FFT / 2, window, scratch, mag, t * Stft.BINS);
    }
    return mag;
  }
}
