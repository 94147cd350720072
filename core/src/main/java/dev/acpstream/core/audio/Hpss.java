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
   * Bins 0..419 reach 4522 Hz. The harmonic signal feeds only the CQT, whose highest sparse filter
   * touches nothing above 4372 Hz (STFT bin 406), and the tuning estimate, which reads 150 Hz to
   * 4 kHz; the halved signals of the lower octaves see only the band below that. So {@link
   * Tonnetz} separates just this band (with 14 bins, 7 Hann main lobes, of margin) and drops the
   * rest: 41 % of librosa's median work, tonnetz moved by at most 3.3e-5 on the parity clips, the
   * same as with the earlier cut at 5.5 kHz (measured in docs/speed-round.md).
   */
  public static final int CHROMA_BAND_BINS = 420;

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
    Samples.requireFinite(y);
    return inverse(stft.forward(y), null, y.length);
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
    return inverse(d, null, y.length);
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
    return inverse(d, magnitude, y.length);
  }

  /** The harmonic-masked STFT of {@code y}. */
  public Stft.Spectrogram harmonicSpectrogram(float[] y) {
    Samples.requireFinite(y);
    Stft.Spectrogram d = stft.forward(y);
    int kMax = Math.min(maskedBins, Stft.BINS);
    float[][] band = maskedBand(d, null);
    float[] re = new float[d.re().length];
    float[] im = new float[re.length];
    for (int t = 0; t < d.frames(); t++) {
      System.arraycopy(band[0], t * kMax, re, t * Stft.BINS, kMax);
      System.arraycopy(band[1], t * kMax, im, t * Stft.BINS, kMax);
    }
    return new Stft.Spectrogram(d.frames(), re, im);
  }

  /** The ISTFT of the masked band; the bins above it are zero, so they are never materialised. */
  private float[] inverse(Stft.Spectrogram d, float[] magnitude, int length) {
    float[][] band = maskedBand(d, magnitude);
    return stft.inverseBand(d.frames(), band[0], band[1], Math.min(maskedBins, Stft.BINS), length);
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

  /**
   * The masked bins below the band edge, frame-major with that many bins per frame: re, im.
   * {@code magnitude}: |d| if the caller has it, else null.
   */
  private float[][] maskedBand(Stft.Spectrogram d, float[] magnitude) {
    int frames = d.frames();
    int kMax = Math.min(maskedBins, Stft.BINS);
    float[] mag = magnitude != null ? magnitude : magnitude(d, maskedBins + KERNEL / 2);
    float[] mask = bandMask(mag, frames, kMax);
    float[] re = new float[frames * kMax];
    float[] im = new float[re.length];
    float[] dRe = d.re();
    float[] dIm = d.im();
    for (int t = 0; t < frames; t++) {
      int o = t * Stft.BINS;
      int m = t * kMax;
      for (int k = 0; k < kMax; k++) {
        re[m + k] = dRe[o + k] * mask[m + k];
        im[m + k] = dIm[o + k] * mask[m + k];
      }
    }
    return new float[][] {re, im};
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
    // Harmonic estimate: median across time, all kMax bins of a frame side by side.
    int[][] byFrame = new int[frames][kMax];
    // Validated in bulk: a finite non-negative float's bits (-0 made +0) lie in [0, 0x7f800000);
    // a negative value sets the sign bit of the OR, infinity and NaN reach the maximum.
    int anyBits = 0;
    int maxBits = 0;
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      int[] row = byFrame[t];
      for (int k = 0; k < kMax; k++) {
        int b = Float.floatToRawIntBits(magnitude[o + k] + 0f);
        row[k] = b;
        anyBits |= b;
        maxBits = Math.max(maxBits, b);
      }
    }
    if (anyBits < 0 || maxBits >= 0x7f800000) {
      for (int t = 0; t < frames; t++) {
        for (int k = 0; k < kMax; k++) {
          bits(magnitude[t * bins + k]); // throws, naming the first bad value
        }
      }
    }
    int[][] harm = new int[frames][kMax];
    median.filter(byFrame, frames, kMax, frames, harm);
    // Percussive estimate: median across frequency (reflecting at bin 1024), all frames side by
    // side; only the bins the band's windows reach are copied.
    int reach = Math.min(bins, kMax + KERNEL / 2);
    int[][] byBin = new int[bins][];
    for (int k = 0; k < reach; k++) {
      int[] row = new int[frames];
      if (k < kMax) {
        for (int t = 0; t < frames; t++) {
          row[t] = byFrame[t][k]; // validated above
        }
      } else {
        for (int t = 0; t < frames; t++) {
          row[t] = bits(magnitude[t * bins + k]);
        }
      }
      byBin[k] = row;
    }
    int[][] perc = new int[kMax][frames];
    median.filter(byBin, bins, frames, kMax, perc);
    float[] mask = new float[frames * kMax];
    for (int t = 0; t < frames; t++) {
      int o = t * kMax;
      int[] hRow = harm[t];
      for (int k = 0; k < kMax; k++) {
        float h = Float.intBitsToFloat(hRow[k]);
        float p = Float.intBitsToFloat(perc[k][t]);
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

  /** The median's key: non-negative floats order like their bit patterns. */
  private static int bits(float v) {
    if (!(v >= 0f) || v == Float.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("median filter input must be finite and >= 0, got " + v);
    }
    return Float.floatToRawIntBits(v + 0f); // + 0f turns -0.0 into +0.0
  }
}
