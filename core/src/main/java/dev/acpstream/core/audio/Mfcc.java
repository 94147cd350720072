package dev.acpstream.core.audio;

/**
 * librosa 0.10 {@code feature.mfcc(n_mfcc=40)} averaged over a window's frames: the power mel
 * spectrogram in dB ({@code power_to_db}: 10 log10(max(S, 1e-10)), floored at the window's
 * maximum minus 80 dB), then an orthonormal DCT-II over the mel bands, first 40 coefficients.
 *
 * <p>The DCT is linear, so the mean of per-frame MFCCs equals the DCT of the mean floored dB frame;
 * computing it that way costs one DCT per window instead of one per frame. Immutable and
 * thread-safe.
 */
public final class Mfcc {

  public static final int COEFFICIENTS = 40;
  public static final float AMIN = 1e-10f;
  public static final float TOP_DB = 80f;

  private final int bands;
  private final double[][] dct;

  public Mfcc() {
    this(COEFFICIENTS, MelFilterBank.BANDS);
  }

  public Mfcc(int coefficients, int bands) {
    if (coefficients <= 0 || bands <= 0 || coefficients > bands) {
      throw new IllegalArgumentException(
          "MFCC needs 0 < coefficients <= bands; got " + coefficients + " of " + bands);
    }
    this.bands = bands;
    this.dct = orthonormalDct2(coefficients, bands);
  }

  /**
   * Mean MFCCs of a frame-major power mel spectrogram ({@code mel[t * bands + m]}).
   *
   * @return {@code coefficients} values
   */
  public float[] meanMfcc(float[] mel, int frames) {
    if (frames <= 0 || (long) frames * bands > mel.length) {
      throw new IllegalArgumentException(
          "mel spectrogram of length " + mel.length + " does not hold " + frames + " frames");
    }
    int n = frames * bands;
    float[] db = new float[n];
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      float v = powerToDb(mel[i]);
      db[i] = v;
      if (v > max) {
        max = v;
      }
    }
    float floor = max - TOP_DB;
    double[] meanDb = new double[bands];
    for (int t = 0; t < frames; t++) {
      int o = t * bands;
      for (int m = 0; m < bands; m++) {
        meanDb[m] += Math.max(db[o + m], floor);
      }
    }
    float[] out = new float[dct.length];
    for (int c = 0; c < dct.length; c++) {
      double[] basis = dct[c];
      double acc = 0;
      for (int m = 0; m < bands; m++) {
        acc += basis[m] * meanDb[m];
      }
      out[c] = (float) (acc / frames);
    }
    return out;
  }

  /** 10 log10(max(S, amin)) with ref 1.0, before the top-dB floor. */
  static float powerToDb(float s) {
    if (!(s >= 0f) || Float.isInfinite(s)) {
      throw new IllegalArgumentException("power spectrum holds " + s);
    }
    return (float) (10.0 * Math.log10(Math.max(s, AMIN)));
  }

  /** scipy.fftpack.dct(type=2, norm='ortho') rows: sqrt(1/N) for k = 0, sqrt(2/N) otherwise. */
  static double[][] orthonormalDct2(int coefficients, int n) {
    double[][] m = new double[coefficients][n];
    for (int k = 0; k < coefficients; k++) {
      double scale = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
      for (int i = 0; i < n; i++) {
        m[k][i] = scale * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n));
      }
    }
    return m;
  }
}
