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

  /**
   * Bins 0..512 reach 5512 Hz, the Nyquist frequency after the CQT's first halving. Only the CQT's
   * top octave (up to 4.2 kHz) and the tuning estimate (up to 4 kHz) see the harmonic signal
   * above that, and only through window leakage, so {@link Tonnetz} separates just this band and
   * drops the rest: half the median work, tonnetz moved by at most 3e-5 on the parity clips.
   */
  public static final int CHROMA_BAND_BINS = Stft.N_FFT / 4 + 1;

  private final Stft stft = new Stft();
  private final int maskedBins;

  /** Full-band separation, as librosa does it. */
  public Hpss() {
    this(Stft.BINS);
  }

  /**
   * Separation of bins below {@code maskedBins} only; the harmonic part has nothing above them.
   *
   * @throws IllegalArgumentException unless {@code 1 <= maskedBins <= }{@link Stft#BINS}
   */
  public Hpss(int maskedBins) {
    if (maskedBins < 1 || maskedBins > Stft.BINS) {
      throw new IllegalArgumentException(
          "masked bins must be in [1, " + Stft.BINS + "], got " + maskedBins);
    }
    this.maskedBins = maskedBins;
  }

  /** The harmonic part of {@code y}, same length. */
  public float[] harmonic(float[] y) {
    return stft.inverse(harmonicSpectrogram(y), y.length);
  }

  /**
   * The harmonic part of {@code y}, given its STFT {@code d} (from {@link Stft#forward}, not
   * modified), so a caller that already has it saves the forward transform.
   *
   * @throws IllegalArgumentException if {@code d} does not have the frames of {@code y}'s STFT
   */
  public float[] harmonic(float[] y, Stft.Spectrogram d) {
    Samples.requireFinite(y);
    requireWindowStft(y, d);
    return stft.inverse(mask(d, null), y.length);
  }

  /**
   * As {@link #harmonic(float[], Stft.Spectrogram)}, given |d| as well ({@link
   * Stft.Spectrogram#magnitude}), which saves recomputing it.
   *
   * @throws IllegalArgumentException also if {@code magnitude} is not the size of {@code d}
   */
  public float[] harmonic(float[] y, Stft.Spectrogram d, float[] magnitude) {
    if (magnitude == null || d == null || magnitude.length != d.re().length) {
      throw new IllegalArgumentException(
          "magnitude spectrogram of " + (magnitude == null ? "none" : magnitude.length + " values")
              + " does not match the STFT");
    }
    Samples.requireFinite(y);
    requireWindowStft(y, d);
    return stft.inverse(mask(d, magnitude), y.length);
  }

  /** The harmonic-masked STFT of {@code y}. */
  public Stft.Spectrogram harmonicSpectrogram(float[] y) {
    Samples.requireFinite(y);
    return mask(stft.forward(y), null);
  }

  private static void requireWindowStft(float[] y, Stft.Spectrogram d) {
    if (d == null || d.frames() != Stft.frameCount(y.length)
        || d.re().length != d.frames() * Stft.BINS) {
      throw new IllegalArgumentException(
          "spectrogram does not belong to a window of " + y.length + " samples: expected "
              + Stft.frameCount(y.length) + " frames of " + Stft.BINS + " bins, got "
              + (d == null ? "none" : d.frames() + " frames, " + d.re().length + " values"));
    }
  }

  /** {@code magnitude}: |d| if the caller has it, else null. */
  private Stft.Spectrogram mask(Stft.Spectrogram d, float[] magnitude) {
    int frames = d.frames();
    int kMax = Math.min(maskedBins, Stft.BINS);
    float[] mag = magnitude != null ? magnitude : magnitude(d, maskedBins + KERNEL / 2);
    float[] mask = bandMask(mag, frames, kMax);
    // Bins at or above kMax have mask 0: leave them at 0 rather than copying and scaling them.
    float[] re = new float[d.re().length];
    float[] im = new float[re.length];
    float[] dRe = d.re();
    float[] dIm = d.im();
    for (int t = 0; t < frames; t++) {
      int o = t * Stft.BINS;
      int m = t * kMax;
      for (int k = 0; k < kMax; k++) {
        re[o + k] = dRe[o + k] * mask[m + k];
        im[o + k] = dIm[o + k] * mask[m + k];
      }
    }
    return new Stft.Spectrogram(frames, re, im);
  }

  /**
   * |D| for the bins below {@code bins} (the rest stay 0): the medians of the masked band read
   * no further, and this square root is a large share of the separation's cost.
   */
  static float[] magnitude(Stft.Spectrogram d, int bins) {
    int k = Math.min(bins, Stft.BINS);
    float[] re = d.re();
    float[] im = d.im();
    float[] m = new float[re.length];
    for (int o = 0; o < m.length; o += Stft.BINS) {
      for (int i = o; i < o + k; i++) {
        m[i] = (float) Math.sqrt((double) re[i] * re[i] + (double) im[i] * im[i]);
      }
    }
    return m;
  }

  /**
   * The soft harmonic mask of a frame-major magnitude spectrogram ({@link Stft#BINS} bins per
   * frame), computed for bins below {@code maskedBins}; bins at or above it get mask 0.
   */
  static float[] harmonicMask(float[] magnitude, int frames, int maskedBins) {
    int bins = Stft.BINS;
    int kMax = Math.min(maskedBins, bins);
    float[] band = bandMask(magnitude, frames, kMax);
    float[] mask = new float[magnitude.length];
    for (int t = 0; t < frames; t++) {
      System.arraycopy(band, t * kMax, mask, t * bins, kMax);
    }
    return mask;
  }

  /** The soft harmonic mask of bins below {@code kMax}, frame-major with {@code kMax} per frame. */
  private static float[] bandMask(float[] magnitude, int frames, int kMax) {
    int bins = Stft.BINS;
    RunningMedian median = new RunningMedian(KERNEL);
    // Harmonic estimate: median across time, per bin, on a bin-major copy for locality.
    float[] byBin = new float[kMax * frames];
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      for (int k = 0; k < kMax; k++) {
        byBin[k * frames + t] = magnitude[o + k];
      }
    }
    float[] harm = new float[kMax * frames];
    median.filterRows(byBin, 0, frames, kMax, 1, frames, harm, 0, frames, frames);
    // Percussive estimate: median across frequency within each frame (reflecting at bin 1024).
    float[] perc = new float[frames * kMax];
    median.filterRows(magnitude, 0, bins, frames, 1, bins, perc, 0, kMax, kMax);
    float[] mask = new float[frames * kMax];
    for (int t = 0; t < frames; t++) {
      int o = t * kMax;
      for (int k = 0; k < kMax; k++) {
        float h = harm[k * frames + t];
        float p = perc[t * kMax + k];
        float z = Math.max(h, p);
        if (z < Float.MIN_NORMAL) {
          mask[o + k] = 0.5f; // librosa's split_zeros: both estimates vanish
        } else {
          float hz = h / z;
          float pz = p / z;
          float hh = hz * hz;
          mask[o + k] = hh / (hh + pz * pz);
        }
      }
    }
    return mask;
  }
}
