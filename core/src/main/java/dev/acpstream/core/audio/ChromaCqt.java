package dev.acpstream.core.audio;

/**
 * librosa 0.10's {@code chroma_cqt} with its defaults (36 bins per octave, 7 octaves from C1, hop
 * 512, threshold 0, norm inf): each pitch class sums the three CQT bins centred on it in every
 * octave, then each frame is divided by its largest class (frames that are all but zero are left
 * as they are).
 *
 * <p>Thread-safe.
 */
public final class ChromaCqt {

  public static final int CLASSES = 12;
  private static final int PER_CLASS = ConstantQ.BINS_PER_OCTAVE / CLASSES;

  private final ConstantQ cqt = new ConstantQ();

  /**
   * Chroma of {@code y} (22050 Hz), frame-major: class {@code c} (0 = C) of frame {@code t} at
   * {@code t * 12 + c}.
   *
   * @param tuning tuning offset in fractions of a 36-per-octave bin
   */
  public float[] chroma(float[] y, double tuning) {
    return fold(cqt.magnitude(y, tuning));
  }

  /**
   * As {@link #chroma(float[], double)} for a signal with nothing above {@link
   * ConstantQ#BAND_LIMITED_HZ} except near its ends (see {@link ConstantQ#magnitudeOfBandLimited}).
   */
  public float[] chromaOfBandLimited(float[] y, double tuning) {
    return fold(cqt.magnitudeOfBandLimited(y, tuning));
  }

  private static float[] fold(float[] c) {
    int frames = c.length / ConstantQ.BINS;
    float[] chroma = new float[frames * CLASSES];
    for (int t = 0; t < frames; t++) {
      int base = t * ConstantQ.BINS;
      float max = 0f;
      for (int k = 0; k < CLASSES; k++) {
        float sum = 0f;
        for (int o = 0; o < ConstantQ.OCTAVES; o++) {
          int octave = base + o * ConstantQ.BINS_PER_OCTAVE;
          // The class is centred on bin 3k: bins 3k-1 .. 3k+1, wrapping within the octave.
          for (int d = -1; d < PER_CLASS - 1; d++) {
            int b = Math.floorMod(PER_CLASS * k + d, ConstantQ.BINS_PER_OCTAVE);
            sum += c[octave + b];
          }
        }
        chroma[t * CLASSES + k] = sum;
        max = Math.max(max, sum);
      }
      if (max >= Float.MIN_NORMAL) {
        for (int k = 0; k < CLASSES; k++) {
          chroma[t * CLASSES + k] /= max;
        }
      }
    }
    return chroma;
  }
}
