package dev.acpstream.core.audio;

import be.tarsos.dsp.util.fft.FloatFFT;
import java.util.Arrays;

/**
 * The magnitude constant-Q transform as librosa 0.10's {@code cqt} computes it for chroma_cqt's
 * defaults: fmin C1 (times the tuning offset), 36 bins per octave, 7 octaves, hop 512 at
 * 22050 Hz, Hann-windowed wavelets with L1 norm, filter_scale 1, sparsity 0.01, length scaling.
 *
 * <p>Multirate, as librosa does it: the top octave's 36 filters are applied to the full-rate
 * signal through an STFT with a rectangular window (n_fft 1024, zero-padded centring); then the
 * signal is halved ({@link HalfRateResampler}, librosa's soxr_hq) and so is the hop, and the same
 * filter bank (a wavelet's length in samples depends only on f / sr, which halving preserves)
 * gives the next octave down. No early downsampling happens for these parameters.
 *
 * <p>Thread-safe; filter banks are cached per tuning value (librosa's tuning is quantised to 0.01
 * bin).
 */
public final class ConstantQ {

  public static final int BINS_PER_OCTAVE = 36;
  public static final int OCTAVES = 7;
  public static final int BINS = BINS_PER_OCTAVE * OCTAVES;
  public static final int HOP = 512;
  public static final double SAMPLE_RATE = 22050.0;
  /** librosa's note_to_hz('C1'). */
  public static final double FMIN_C1 = 440.0 * Math.pow(2.0, (24 - 69) / 12.0);

  /**
   * The highest frequency {@link #magnitudeOfBandLimited} accepts at 22050 Hz: where the halving
   * filter's pass band ends (0.913 of 5512.5 Hz), less a margin.
   */
  public static final double BAND_LIMITED_HZ = 5000.0;

  private static final double SPARSITY = 0.01;
  /**
   * Octaves hopped this closely (the lowest four: 64, 32, 16 and 8 samples) get their ~113
   * touched FFT bins from running sums ({@link SlidingDftBins}, vectorised over bins) instead of a
   * 1024-point FFT per frame; at a hop of 128 the sums no longer win (measured, see
   * docs/speed-round.md).
   */
  private static final int SLIDING_MAX_HOP = 64;
  private static final double HANN_BANDWIDTH = 1.50018310546875;

  private final HalfRateResampler halver = new HalfRateResampler();
  private final TuningCache<FilterBank> banks = new TuningCache<>(FilterBank::new);

  /** Frames librosa's CQT produces for {@code n} samples (all octaves agree here). */
  public static int frameCount(int n) {
    int frames = Integer.MAX_VALUE;
    int len = n;
    int hop = HOP;
    for (int o = 0; o < OCTAVES; o++) {
      frames = Math.min(frames, 1 + len / hop);
      len = (len + 1) / 2;
      hop /= 2;
    }
    return frames;
  }

  /**
   * |CQT| of {@code y} at 22050 Hz, frame-major: bin {@code b} (0 = lowest, near C1) of frame
   * {@code t} at {@code t * BINS + b}.
   *
   * @param tuning offset of fmin in fractions of a bin, in [-0.5, 0.5]
   */
  public float[] magnitude(float[] y, double tuning) {
    return magnitude(y, tuning, false);
  }

  /**
   * As {@link #magnitude(float[], double)} for a signal with nothing above {@link
   * #BAND_LIMITED_HZ} except near its ends, such as HPSS's harmonic band: the first halving is
   * then a plain decimation ({@link HalfRateResampler#halveBandLimited}), within float32 rounding
   * of the filtered one.
   */
  public float[] magnitudeOfBandLimited(float[] y, double tuning) {
    return magnitude(y, tuning, true);
  }

  private float[] magnitude(float[] y, double tuning, boolean bandLimited) {
    if (!(tuning >= -0.5 && tuning <= 0.5)) {
      throw new IllegalArgumentException("tuning must be in [-0.5, 0.5] bins, got " + tuning);
    }
    Samples.requireFinite(y);
    FilterBank bank = banks.get(tuning);
    int frames = frameCount(y.length);
    float[] out = new float[frames * BINS];
    float[] signal = y;
    int hop = HOP;
    FloatFFT fft = new FloatFFT(bank.nFft);
    float[] buf = new float[bank.nFft];
    for (int o = 0; o < OCTAVES; o++) {
      int firstBin = BINS - BINS_PER_OCTAVE * (o + 1);
      // librosa scales the octave's basis by sqrt(sr / my_sr) to compensate the downsampling.
      float gain = (float) Math.sqrt(1 << o);
      octave(signal, hop, frames, bank, fft, buf, gain, firstBin, out);
      if (o + 1 < OCTAVES) {
        signal = bandLimited && o == 0 ? halver.halveBandLimited(signal) : halver.halve(signal);
        hop /= 2;
      }
    }
    return out;
  }

  /**
   * One octave's 36 bins for every frame. The touched FFT bins kLo..kHi of all frames are
   * gathered bin-major first (from one FFT per frame, or from running sums for closely hopped
   * octaves), so that each sparse filter tap is one multiply-add over all frames: loops over the
   * frame index of plain arrays, which C2 turns into SIMD code.
   */
  private static void octave(
      float[] x, int hop, int frames, FilterBank bank, FloatFFT fft, float[] buf, float gain,
      int firstBin, float[] out) {
    int nFft = bank.nFft;
    int pad = nFft / 2;
    int n = x.length;
    int count = bank.kHi - bank.kLo + 1;
    float[][] specRe = new float[count][frames];
    float[][] specIm = new float[count][frames];
    if (bank.interior && hop <= SLIDING_MAX_HOP) {
      bank.sliding.frames(x, hop, frames, specRe, specIm);
    } else {
      for (int t = 0; t < frames; t++) {
        int start = t * hop - pad;
        if (start >= 0 && start + nFft <= n) {
          System.arraycopy(x, start, buf, 0, nFft);
        } else {
          for (int i = 0; i < nFft; i++) {
            int s = start + i;
            buf[i] = (s >= 0 && s < n) ? x[s] : 0f;
          }
        }
        fft.realForward(buf);
        for (int i = 0; i < count; i++) {
          int k = bank.kLo + i;
          // FloatFFT's packed layout: DC at 0, Nyquist at 1, bin k at 2k, 2k + 1.
          if (k == 0) {
            specRe[i][t] = buf[0];
          } else if (k == pad) {
            specRe[i][t] = buf[1];
          } else {
            specRe[i][t] = buf[2 * k];
            specIm[i][t] = buf[2 * k + 1];
          }
        }
      }
    }
    float[] accRe = new float[frames];
    float[] accIm = new float[frames];
    for (int f = 0; f < BINS_PER_OCTAVE; f++) {
      int[] idx = bank.index[f];
      java.util.Arrays.fill(accRe, 0f);
      java.util.Arrays.fill(accIm, 0f);
      for (int j = 0; j < idx.length; j++) {
        tap(bank.re[f][j], bank.im[f][j], specRe[idx[j] - bank.kLo], specIm[idx[j] - bank.kLo],
            accRe, accIm, frames);
      }
      int bin = firstBin + f;
      double scale = gain * bank.lengthScale[bin];
      for (int t = 0; t < frames; t++) {
        double re = accRe[t];
        double im = accIm[t];
        out[t * BINS + bin] = (float) (scale * Math.sqrt(re * re + im * im));
      }
    }
  }

  /** acc += (fr + i fi) * spec over all frames. */
  private static void tap(
      float fr, float fi, float[] re, float[] im, float[] accRe, float[] accIm, int frames) {
    for (int t = 0; t < frames; t++) {
      float dr = re[t];
      float di = im[t];
      accRe[t] += fr * dr - fi * di;
      accIm[t] += fr * di + fi * dr;
    }
  }

  /** The sparse frequency-domain wavelets of the top octave, and the per-bin length scaling. */
  private static final class FilterBank {
    final int nFft;
    final int[][] index = new int[BINS_PER_OCTAVE][];
    final float[][] re = new float[BINS_PER_OCTAVE][];
    final float[][] im = new float[BINS_PER_OCTAVE][];
    final double[] lengthScale = new double[BINS];
    /** No filter touches the DC or Nyquist bin, whose packed layout differs. */
    final boolean interior;
    /** The lowest and highest FFT bins any filter touches. */
    final int kLo;

    final int kHi;
    /** The touched bins kLo.. of closely hopped frames, without an FFT per frame. */
    final SlidingDftBins sliding;

    FilterBank(double tuning) {
      double fmin = FMIN_C1 * Math.pow(2.0, tuning / BINS_PER_OCTAVE);
      double r = Math.pow(2.0, 1.0 / BINS_PER_OCTAVE);
      double alpha = (r * r - 1) / (r * r + 1);
      double q = 1.0 / alpha;
      double[] freqs = new double[BINS];
      double[] lengths = new double[BINS];
      for (int b = 0; b < BINS; b++) {
        freqs[b] = fmin * Math.pow(2.0, (double) b / BINS_PER_OCTAVE);
        lengths[b] = q * SAMPLE_RATE / freqs[b];
        lengthScale[b] = 1.0 / Math.sqrt(lengths[b]);
      }
      double cutoff = freqs[BINS - 1] * (1 + 0.5 * HANN_BANDWIDTH / q);
      if (cutoff > SAMPLE_RATE / 2) {
        throw new IllegalStateException("CQT filter cutoff " + cutoff + " Hz exceeds Nyquist");
      }
      int top = BINS - BINS_PER_OCTAVE;
      double maxLen = lengths[top];
      nFft = 1 << (int) Math.ceil(Math.log(maxLen) / Math.log(2) - 1e-12);
      FloatFFT fft = new FloatFFT(nFft);
      float[] c = new float[2 * nFft];
      for (int f = 0; f < BINS_PER_OCTAVE; f++) {
        double len = lengths[top + f];
        double freq = freqs[top + f];
        // numpy: arange(-len // 2, len // 2), i.e. floor(-len/2) .. floor(len/2) - 1
        long from = (long) Math.floor(-len / 2);
        long to = (long) Math.floor(len / 2);
        int m = (int) (to - from);
        double[] w = Stft.periodicHannF64(m);
        double wsum = 0;
        for (double v : w) {
          wsum += v;
        }
        double scale = len / nFft / wsum;
        Arrays.fill(c, 0f);
        int lpad = (nFft - m) / 2;
        for (int i = 0; i < m; i++) {
          double phase = (from + i) * 2 * Math.PI * freq / SAMPLE_RATE;
          c[2 * (lpad + i)] = (float) (Math.cos(phase) * w[i] * scale);
          c[2 * (lpad + i) + 1] = (float) (Math.sin(phase) * w[i] * scale);
        }
        fft.complexForward(c);
        sparsify(f, c, nFft / 2 + 1);
      }
      boolean inside = true;
      int lo = nFft;
      int hi = 0;
      for (int[] idx : index) {
        for (int k : idx) {
          inside &= k > 0 && k < nFft / 2;
          lo = Math.min(lo, k);
          hi = Math.max(hi, k);
        }
      }
      interior = inside;
      kLo = lo;
      kHi = hi;
      sliding = inside ? new SlidingDftBins(nFft, lo, hi) : null;
    }

    /** librosa's sparsify_rows: drop the smallest magnitudes that sum to 1% of the row's L1. */
    private void sparsify(int f, float[] c, int keep) {
      double[] mags = new double[keep];
      double norm = 0;
      for (int k = 0; k < keep; k++) {
        mags[k] = Math.hypot(c[2 * k], c[2 * k + 1]);
        norm += mags[k];
      }
      double[] sorted = mags.clone();
      Arrays.sort(sorted);
      double cumulative = 0;
      double threshold = sorted[keep - 1];
      for (int j = 0; j < keep; j++) {
        cumulative += sorted[j] / norm;
        if (!(cumulative < SPARSITY)) {
          threshold = sorted[j];
          break;
        }
      }
      int count = 0;
      for (int k = 0; k < keep; k++) {
        if (mags[k] >= threshold) {
          count++;
        }
      }
      index[f] = new int[count];
      re[f] = new float[count];
      im[f] = new float[count];
      int j = 0;
      for (int k = 0; k < keep; k++) {
        if (mags[k] >= threshold) {
          index[f][j] = k;
          re[f][j] = c[2 * k];
          im[f][j] = c[2 * k + 1];
          j++;
        }
      }
    }
  }
}
