package dev.acpstream.core.audio;

/**
 * {@link Stft#forward} and {@link Stft.Spectrogram#magnitude} frame by frame: each frame's
 * magnitudes are taken right after its FFT, while the frame is still in cache. Results are
 * bit-identical to the two-step form.
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
    double[] power = new double[bins];
    int pad = Stft.N_FFT / 2;
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      fft.forward(y, t * Stft.HOP - pad, window, scratch, re, im, o);
      magnitudes(re, im, o, bins, power, mag);
    }
    return new Result(new Stft.Spectrogram(frames, re, im), mag);
  }

  /**
   * {@code mag[o + k] = (float) sqrt((double) re^2 + (double) im^2)} for k < bins, numpy's
   * float64 {@code abs} of complex64 rounded to float. Three plain loops instead of one: C2
   * vectorises each (packed square roots), while the fused scalar loop is about four times
   * slower, as every conversion and square root waits on the previous one's register.
   */
  static void magnitudes(float[] re, float[] im, int o, int bins, double[] power, float[] mag) {
    for (int k = 0; k < bins; k++) {
      power[k] = (double) re[o + k] * re[o + k] + (double) im[o + k] * im[o + k];
    }
    for (int k = 0; k < bins; k++) {
      power[k] = Math.sqrt(power[k]);
    }
    for (int k = 0; k < bins; k++) {
      mag[o + k] = (float) power[k];
    }
  }
}
