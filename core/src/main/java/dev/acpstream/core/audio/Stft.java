package dev.acpstream.core.audio;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * The short-time Fourier transform exactly as librosa 0.10 computes it for the paper's recipe:
 * n_fft 2048, hop 512, periodic Hann window, {@code center=True} with ZERO padding of n_fft/2 on
 * each side (librosa >= 0.9; reflect padding gives measurably different edge frames).
 *
 * <p>The forward transform runs in double precision ({@link RealFft}) and stores float32, as
 * numpy 1.x does under librosa; TarsosDSP's float FFT is too noisy for quiet bins. The inverse
 * (HPSS's resynthesis) uses TarsosDSP's float FFT: its output only feeds the CQT and tuning,
 * where float32 rounding is far below the tonnetz tolerance. Instances are immutable and
 * thread-safe; each call allocates its own scratch buffer.
 */
public final class Stft {

  public static final int N_FFT = 2048;
  public static final int HOP = 512;
  public static final int BINS = N_FFT / 2 + 1;

  /**
   * Samples at either end of a band-limited signal where {@link #forwardBandLimited} takes the
   * full transform: an ISTFT's overlap-add envelope is constant only from 512 samples in to
   * between 512 and 1023 samples before the end (N_FFT / 2 at most).
   */
  static final int BAND_LIMITED_EDGE = N_FFT / 2;

  private final float[] window = periodicHann(N_FFT);
  private final double[] windowF64 = periodicHannF64(N_FFT);
  private final RealFft fft = new RealFft(N_FFT);
  private final RealFft halfFft = new RealFft(N_FFT / 2);
  /** The window's even-indexed values: the taps that meet the even samples of a frame. */
  private final double[] evenWindowF64 = evenSamples(windowF64);
  private final float[] fullOverlapSquares = fullOverlapSquares(window);
  /**
   * The synthesis window with the inverse FFT's 2 / N_FFT folded in: a power of two, so
   * {@code (x * 2/N) * w == x * (w * 2/N)} bit for bit, and the FFT's own scaling pass goes.
   */
  private final float[] synthesisWindow = scaled(window, 2f / N_FFT);

  /** Number of frames librosa produces for {@code n} samples with centring: 1 + n / hop. */
  public static int frameCount(int n) {
    return 1 + n / HOP;
  }

  /** The complex STFT of {@code y} (mono, any sample rate), frame-major. */
  public Spectrogram forward(float[] y) {
    int frames = frameCount(y.length);
    float[] re = new float[frames * BINS];
    float[] im = new float[frames * BINS];
    // librosa multiplies float32 samples by a float64 window and numpy 1.x transforms in float64,
    // storing complex64 only at the end; quiet bins (spectral contrast's valleys) need the same.
    double[] scratch = new double[fft.scratchLength()];
    int pad = N_FFT / 2;
    for (int t = 0; t < frames; t++) {
      fft.forward(y, t * HOP - pad, windowF64, scratch, re, im, t * BINS);
    }
    return new Spectrogram(frames, re, im);
  }

  /**
   * As {@link #forward(float[])} for a signal with nothing at or above a quarter of its sample
   * rate except near its ends, such as the ISTFT of HPSS's harmonic band (bins below 420 of
   * 1025): bins 513..1024 come out as 0 and bins 0..512 of each frame inside the signal from the
   * frame's even samples alone. A windowed frame with no content above n_fft / 4 has DFT bins
   * X[k] = 2 E[k] for k <= n_fft / 4, E being the n_fft/2-point DFT of its even samples (they do
   * not alias), so those frames cost a half-size FFT. On that harmonic signal the bins differ from
   * the full transform by about 2e-7 of the frame's peak, the float32 rounding already in the
   * ISTFT. Frames within {@link #BAND_LIMITED_EDGE} samples of either end, where the OLA envelope
   * and the zero padding break the band limit, take the full transform.
   */
  public Spectrogram forwardBandLimited(float[] y) {
    int n = y.length;
    int frames = frameCount(n);
    float[] re = new float[frames * BINS];
    float[] im = new float[frames * BINS];
    double[] scratch = new double[fft.scratchLength()];
    float[] even = evenSamples(y);
    int pad = N_FFT / 2;
    int halfBins = N_FFT / 4 + 1;
    for (int t = 0; t < frames; t++) {
      int start = t * HOP - pad;
      int o = t * BINS;
      if (start >= BAND_LIMITED_EDGE && start + N_FFT <= n - BAND_LIMITED_EDGE) {
        halfFft.forward(even, start / 2, evenWindowF64, scratch, re, im, o);
        for (int k = o; k < o + halfBins; k++) {
          re[k] *= 2f;
          im[k] *= 2f;
        }
      } else {
        fft.forward(y, start, windowF64, scratch, re, im, o);
      }
    }
    return new Spectrogram(frames, re, im);
  }

  private static float[] evenSamples(float[] x) {
    float[] e = new float[(x.length + 1) / 2];
    for (int i = 0; i < e.length; i++) {
      e[i] = x[2 * i];
    }
    return e;
  }

  private static double[] evenSamples(double[] x) {
    double[] e = new double[(x.length + 1) / 2];
    for (int i = 0; i < e.length; i++) {
      e[i] = x[2 * i];
    }
    return e;
  }

  /**
   * The inverse STFT as librosa's {@code istft(D, length=n)} computes it for this window and hop:
   * windowed overlap-add of the inverse real FFTs, divided by the summed squared window wherever
   * that sum is above float32's smallest normal value, trimmed to {@code length} samples. The
   * imaginary parts of the DC and Nyquist bins are ignored, as numpy's irfft does.
   *
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public float[] inverse(Spectrogram spectrogram, int length) {
    return inverseBand(spectrogram.frames(), spectrogram.re(), spectrogram.im(), BINS, length);
  }

  /**
   * As {@link #inverse(Spectrogram, int)} for a spectrogram whose bins from {@code bins} up are
   * zero, given as {@code bins} values per frame (frame-major): the zeros are never stored.
   *
   * @throws IllegalArgumentException if {@code length} is negative, {@code bins} is not in
   *     [1, {@link #BINS}] or the arrays do not hold {@code frames * bins} values
   */
  public float[] inverseBand(int frames, float[] re, float[] im, int bins, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("inverse STFT length must be >= 0, got " + length);
    }
    if (bins < 1 || bins > BINS || re.length != (long) frames * bins || im.length != re.length) {
      throw new IllegalArgumentException(
          "band spectrogram of " + re.length + " + " + im.length + " values does not hold "
              + frames + " frames of " + bins + " bins (at most " + BINS + ")");
    }
    int pad = N_FFT / 2;
    // librosa drops the frames that lie wholly beyond the requested length.
    int used = Math.min(frames, (int) Math.ceil((length + 2.0 * pad) / (double) HOP));
    float[] out = new float[length];
    if (used == 0) {
      return out;
    }
    int padded = N_FFT + HOP * (used - 1);
    // Accumulate in float32, as librosa's overlap-add does into its float32 output.
    float[] acc = new float[padded];
    FloatFFT inverseFft = new FloatFFT(N_FFT);
    float[] buf = new float[N_FFT];
    float[] frame = new float[N_FFT];
    // Packed layout: buf[0] = DC, buf[1] = Nyquist, buf[2k], buf[2k + 1] = bin k.
    int interior = Math.min(bins, BINS - 1);
    for (int t = 0; t < used; t++) {
      int o = t * bins;
      buf[0] = re[o];
      buf[1] = bins == BINS ? re[o + BINS - 1] : 0f;
      for (int k = 1; k < interior; k++) {
        buf[2 * k] = re[o + k];
        buf[2 * k + 1] = im[o + k];
      }
      java.util.Arrays.fill(buf, 2 * interior, N_FFT, 0f);
      inverseFft.realInverse(buf, false);
      // Overlap-add through a frame-aligned copy: C2 vectorises loops whose arrays are all
      // indexed by the loop variable alone, not acc[start + i].
      int start = t * HOP;
      System.arraycopy(acc, start, frame, 0, N_FFT);
      overlapAdd(frame, synthesisWindow, buf);
      System.arraycopy(frame, 0, acc, start, N_FFT);
    }
    int n = Math.min(length, padded - pad);
    // Where all N_FFT / HOP frames overlap, the squared-window sum repeats every HOP samples.
    int fullFrom = Math.min(n, Math.max(0, N_FFT - HOP - pad));
    int fullTo = Math.max(fullFrom, Math.min(n, used * HOP - pad));
    for (int i = 0; i < fullFrom; i++) {
      out[i] = normalised(acc[i + pad], windowSumSquare(i + pad, used));
    }
    for (int i = fullFrom; i < fullTo; i++) {
      out[i] = normalised(acc[i + pad], fullOverlapSquares[(i + pad) % HOP]);
    }
    for (int i = fullTo; i < n; i++) {
      out[i] = normalised(acc[i + pad], windowSumSquare(i + pad, used));
    }
    return out;
  }

  private static void overlapAdd(float[] acc, float[] w, float[] x) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += w[i] * x[i];
    }
  }

  private static float normalised(float v, float windowSumSquare) {
    return windowSumSquare > Float.MIN_NORMAL ? v / windowSumSquare : v;
  }

  private static float[] scaled(float[] x, float k) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * k;
    }
    return y;
  }

  /**
   * librosa's window_sumsquare at padded position {@code i} for {@code frames} frames: the sum of
   * w^2 over the frames covering it. Where all N_FFT / HOP frames overlap it repeats with period
   * HOP, so only the two ends are summed frame by frame.
   */
  private float windowSumSquare(int i, int frames) {
    if (i >= N_FFT - HOP && i < frames * HOP) {
      return fullOverlapSquares[i % HOP];
    }
    float sum = 0f;
    int first = Math.max(0, (i - N_FFT) / HOP);
    for (int t = first; t < frames; t++) {
      int j = i - t * HOP;
      if (j < 0) {
        break;
      }
      if (j < N_FFT) {
        sum += window[j] * window[j];
      }
    }
    return sum;
  }

  private static float[] fullOverlapSquares(float[] window) {
    float[] s = new float[HOP];
    for (int r = 0; r < HOP; r++) {
      for (int j = r; j < N_FFT; j += HOP) {
        s[r] += window[j] * window[j];
      }
    }
    return s;
  }

  static float[] periodicHann(int n) {
    double[] w64 = periodicHannF64(n);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) w64[i];
    }
    return w;
  }

  static double[] periodicHannF64(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / n);
    }
    return w;
  }

  /** A complex spectrogram, frame-major: bin {@code k} of frame {@code t} is at {@code t * BINS + k}. */
  public record Spectrogram(int frames, float[] re, float[] im) {

    /** |X|, the magnitude spectrogram. */
    public float[] magnitude() {
      float[] m = new float[re.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = (float) Math.sqrt((double) re[i] * re[i] + (double) im[i] * im[i]);
      }
      return m;
    }

    /** |X|^2, the power spectrogram. */
    public float[] power() {
      float[] p = new float[re.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = re[i] * re[i] + im[i] * im[i];
      }
      return p;
    }
  }
}
