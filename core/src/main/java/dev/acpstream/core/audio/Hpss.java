package dev.acpstream.core.audio;

/**
 * Harmonic/percussive source separation as librosa 0.10's {@code effects.harmonic(y)} does it
 * (Fitzgerald 2010 with soft masks): on the STFT (n_fft 2048, hop 512), a median filter of 31
 * frames along time gives the harmonic estimate H and one of 31 bins along frequency the
 * percussive estimate P; the harmonic soft mask is H^2 / (H^2 + P^2) (margin 1, 0.5 where both
 * vanish), and the masked STFT is inverted back to the input's length.
 *
 * <p>Immutable and thread-safe; each call allocates its own buffers.
 */
public final class Hpss {

  public static final int KERNEL = 31;

  private final Stft stft = new Stft();

  /** The harmonic part of {@code y}, same length. */
  public float[] harmonic(float[] y) {
    return stft.inverse(harmonicSpectrogram(y), y.length);
  }

  /** The harmonic-masked STFT of {@code y}. */
  public Stft.Spectrogram harmonicSpectrogram(float[] y) {
    requireFinite(y);
    Stft.Spectrogram d = stft.forward(y);
    float[] mask = harmonicMask(d.magnitude(), d.frames());
    float[] re = d.re().clone();
    float[] im = d.im().clone();
    for (int i = 0; i < mask.length; i++) {
      re[i] *= mask[i];
      im[i] *= mask[i];
    }
    return new Stft.Spectrogram(d.frames(), re, im);
  }

  /**
   * The soft harmonic mask of a frame-major magnitude spectrogram ({@link Stft#BINS} bins per
   * frame).
   */
  static float[] harmonicMask(float[] magnitude, int frames) {
    int bins = Stft.BINS;
    RunningMedian median = new RunningMedian(KERNEL);
    // Harmonic estimate: median across time, per bin (a strided row of the frame-major matrix).
    float[] harm = new float[magnitude.length];
    for (int k = 0; k < bins; k++) {
      median.filter(magnitude, k, bins, frames, harm, k);
    }
    // Percussive estimate: median across frequency, per frame (a contiguous row).
    float[] perc = new float[magnitude.length];
    for (int t = 0; t < frames; t++) {
      median.filter(magnitude, t * bins, 1, bins, perc, t * bins);
    }
    float[] mask = perc; // overwritten in place: each perc value is read once, before its write
    for (int i = 0; i < mask.length; i++) {
      float h = harm[i];
      float p = perc[i];
      float z = Math.max(h, p);
      if (z < Float.MIN_NORMAL) {
        mask[i] = 0.5f;
      } else {
        float hz = h / z;
        float pz = p / z;
        float hh = hz * hz;
        mask[i] = hh / (hh + pz * pz);
      }
    }
    return mask;
  }

  static void requireFinite(float[] y) {
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "audio sample " + i + " of " + y.length + " is not finite: " + y[i]);
      }
    }
  }
}
