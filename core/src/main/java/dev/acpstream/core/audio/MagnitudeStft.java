package dev.acpstream.core.audio;

/**
 * {@link Stft#forward} and {@link Stft.Spectrogram#magnitude} in one pass: each frame's magnitudes
 * are taken right after its FFT, while the frame is still in cache. Separately, the magnitude
 * pass re-reads two window-sized arrays from memory and costs more than the FFTs themselves.
 * Results are bit-identical to the two-step form.
 *
 * <p>Immutable and thread-safe; each call allocates its own buffers.
 */
final class MagnitudeStft {

  private final RealFft fft = new RealFft(Stft.N_FFT);
  private final double[] window = Stft.periodicHannF64(Stft.N_FFT);

  /** The complex STFT of a window and its magnitude (frame-major, {@link Stft#BINS} per frame). */
  record Result(Stft.Spectrogram spectrogram, float[] magnitude) {}

  Result forward(float[] y) {
    int frames = Stft.frameCount(y.length);
    int bins = Stft.BINS;
    float[] re = new float[frames * bins];
    float[] im = new float[frames * bins];
    float[] mag = new float[frames * bins];
    double[] scratch = new double[fft.scratchLength()];
    int pad = Stft.N_FFT / 2;
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      fft.forward(y, t * Stft.HOP - pad, window, scratch, re, im, o);
      for (int k = o; k < o + bins; k++) {
        mag[k] = (float) Math.sqrt((double) re[k] * re[k] + (double) im[k] * im[k]);
      }
    }
    return new Result(new Stft.Spectrogram(frames, re, im), mag);
  }
}
