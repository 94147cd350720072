package dev.acpstream.core.audio;

import java.util.Arrays;

/**
 * Tuning deviation from A440, as librosa 0.10 {@code estimate_tuning(S=magnitude, sr)} computes
 * it: {@code piptrack} (parabolically interpolated spectral peaks between 150 and 4000 Hz that
 * exceed 0.1 x the frame's maximum), a median-magnitude gate over those peaks, then the mode of a
 * histogram of each peak's distance to the nearest pitch class at a resolution of 0.01 bins.
 *
 * <p>Used by chroma_stft (12 bins per octave) and by chroma_cqt on the harmonic signal (36 bins per
 * octave). The arithmetic follows numpy's float32 steps where they decide a histogram bin, because
 * a residual that lands on the other side of a bin edge moves the whole chroma filter bank.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Tuning {

  /** piptrack's defaults, fixed by the paper's recipe. */
  public static final double FMIN_HZ = 150.0;

  public static final double FMAX_HZ = 4000.0;
  public static final float THRESHOLD = 0.1f;
  /** Histogram resolution in fractions of a bin: 0.01 is one cent at 12 bins per octave. */
  public static final double RESOLUTION = 0.01;

  private static final int HISTOGRAM_BINS = (int) Math.ceil(1.0 / RESOLUTION);
  /** numpy.linspace(-0.5, 0.5, 101): i * step + start, last edge set to stop exactly. */
  private static final double[] EDGES = histogramEdges();

  private static final float A440_OVER_16 = 440f / 16f;
  /** Math.log(2.0) once, the same value the per-peak call returned. */
  private static final double LN_2 = Math.log(2.0);
  private static final int SIGN = 0x80000000;
  private static final int MAX_FINITE_BITS = Float.floatToRawIntBits(Float.MAX_VALUE);

  private final int sampleRate;
  private final int nFft;
  private final int bins;
  private final int firstBin;
  private final int lastBin;

  /** Tuning for spectrograms of {@link Stft}'s shape (n_fft 2048) at {@code sampleRate}. */
  public Tuning(int sampleRate) {
    this(sampleRate, Stft.N_FFT);
  }

  public Tuning(int sampleRate, int nFft) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
    if (nFft < 4 || nFft % 2 != 0) {
      throw new IllegalArgumentException("n_fft must be even and >= 4, got " + nFft);
    }
    this.sampleRate = sampleRate;
    this.nFft = nFft;
    this.bins = nFft / 2 + 1;
    double fmax = Math.min(FMAX_HZ, sampleRate / 2.0);
    double step = (sampleRate / 2.0) / (bins - 1);
    int first = 0;
    while (first < bins && first * step < FMIN_HZ) {
      first++;
    }
    int last = bins - 1;
    while (last >= 0 && last * step >= fmax) {
      last--;
    }
    // Peaks need both neighbours; librosa's edge bins can never be peaks in this range anyway.
    this.firstBin = Math.max(first, 1);
    this.lastBin = Math.min(last, bins - 2);
  }

  /**
   * Estimate on the magnitude of a complex spectrogram from {@link Stft}, same result as {@code
   * estimate(spec.magnitude(), ...)}: piptrack only reads the bins in [150 Hz, 4 kHz] and each
   * frame's peak, so the square roots are taken there only (the peak via the largest power, as
   * the square root preserves order) instead of over all 1025 bins, one frame at a time.
   */
  public double estimate(Stft.Spectrogram spec, int binsPerOctave) {
    if (spec == null) {
      throw new IllegalArgumentException("spectrogram is null");
    }
    int frames = spec.frames();
    float[] re = spec.re();
    float[] im = spec.im();
    SpectrogramShape.require("spectrogram", re.length, frames, bins);
    Peaks peaks = new Peaks(frames);
    double[] power = new double[bins];
    float[] magnitude = new float[bins]; // only bins firstBin-1 .. lastBin+1 are filled
    int from = firstBin - 1;
    int to = lastBin + 1;
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      double maxPower = powers(re, im, o, power);
      if (!(maxPower <= Double.MAX_VALUE)) {
        // Math.max passes NaN and infinity on, so the frame holds one: name the first.
        int k = 0;
        while (power[k] <= Double.MAX_VALUE) {
          k++;
        }
        throw new IllegalArgumentException(
            "spectrogram holds a non-finite value at frame " + t + ", bin " + k);
      }
      // Square roots and float rounding in plain loops of their own, which C2 vectorises.
      for (int k = from; k <= to; k++) {
        power[k] = Math.sqrt(power[k]);
      }
      for (int k = from; k <= to; k++) {
        magnitude[k] = (float) power[k];
      }
      peaks.addFrame(magnitude, 0, (float) Math.sqrt(maxPower));
    }
    return estimate(peaks, binsPerOctave);
  }

  /**
   * {@code power[k] = re^2 + im^2} (float32 parts, in double) of the frame at {@code o}, returning
   * the largest, or NaN or infinity when the frame holds either (Math.max passes both on). Two
   * plain loops rather than one with a finiteness branch per bin.
   */
  private double powers(float[] re, float[] im, int o, double[] power) {
    for (int k = 0; k < bins; k++) {
      power[k] = (double) re[o + k] * re[o + k] + (double) im[o + k] * im[o + k];
    }
    double max = 0;
    for (int k = 0; k < bins; k++) {
      max = Math.max(max, power[k]);
    }
    return max;
  }

  /**
   * Estimated tuning in fractions of a bin, in [-0.5, 0.5), on a multiple of {@link #RESOLUTION}.
   *
   * @param magnitude |STFT|, frame-major: bin {@code k} of frame {@code t} at {@code t * bins + k}
   * @param frames number of frames in {@code magnitude}
   * @param binsPerOctave 12 for chroma_stft, 36 for chroma_cqt's default
   */
  public double estimate(float[] magnitude, int frames, int binsPerOctave) {
    if (magnitude == null) {
      throw new IllegalArgumentException("magnitude spectrogram is null");
    }
    SpectrogramShape.require("magnitude spectrogram", magnitude.length, frames, bins);
    if (binsPerOctave <= 0) {
      throw new IllegalArgumentException("bins per octave must be positive, got " + binsPerOctave);
    }
    Peaks peaks = new Peaks(frames);
    for (int t = 0; t < frames; t++) {
      peaks.addFrame(magnitude, t * bins, frameMax(magnitude, t * bins, t));
    }
    return estimate(peaks, binsPerOctave);
  }

  private double estimate(Peaks peaks, int binsPerOctave) {
    if (binsPerOctave <= 0) {
      throw new IllegalArgumentException("bins per octave must be positive, got " + binsPerOctave);
    }
    int n = peaks.count;
    if (n == 0) {
      return 0.0;
    }
    float[] pitches = peaks.pitches;
    float[] mags = peaks.mags;
    float threshold = median(Arrays.copyOf(mags, n), n);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (mags[i] >= threshold && pitches[i] > 0f) {
        pitches[kept++] = pitches[i];
      }
    }
    return pitchTuning(pitches, kept, binsPerOctave);
  }

  /** piptrack's peaks over the frames so far: (pitch, interpolated magnitude) pairs. */
  private final class Peaks {
    final float[] pitches;
    final float[] mags;
    int count;
    private final int[] candidates = new int[bins];

    Peaks(int frames) {
      // At most every other bin of the band is a strict local maximum.
      int capacity = frames * ((lastBin - firstBin) / 2 + 1);
      pitches = new float[capacity];
      mags = new float[capacity];
    }

    /** piptrack on the frame whose bin k is at {@code s[o + k]}, largest magnitude {@code max}. */
    void addFrame(float[] s, int o, float max) {
      float ref = THRESHOLD * max;
      // librosa.util.localmax on the gated frame (bins at or below ref read 0): strictly above
      // the left neighbour, not below the right one. For a centre above ref (>= 0) that is the
      // same as comparing with the ungated neighbours, as a gated-out one is below the centre
      // either way. Whether a bin clears the gate is a coin toss, so the candidates are gathered
      // without branches: on the bits of non-negative floats (-0 folded onto +0), which order
      // as the values do, a difference's sign bit is a comparison, and the count moves on only
      // for a peak.
      int refBits = Float.floatToRawIntBits(ref) & ~SIGN;
      int found = 0;
      for (int k = firstBin; k <= lastBin; k++) {
        int left = Float.floatToRawIntBits(s[o + k - 1]) & ~SIGN;
        int centre = Float.floatToRawIntBits(s[o + k]) & ~SIGN;
        int right = Float.floatToRawIntBits(s[o + k + 1]) & ~SIGN;
        candidates[found] = k;
        int aboveGate = (refBits - centre) >>> 31;
        int aboveLeft = (left - centre) >>> 31;
        int notBelowRight = ~((centre - right) >>> 31);
        found += aboveGate & aboveLeft & notBelowRight;
      }
      int n = count;
      for (int i = 0; i < found; i++) {
        int k = candidates[i];
        float left = s[o + k - 1];
        float centre = s[o + k];
        float right = s[o + k + 1];
        double a = (double) (right + left) - 2.0 * centre;
        double b = (double) (right - left) / 2.0;
        float shift = Math.abs(b) >= Math.abs(a) ? 0f : (float) (-b / a);
        float avg = 0.5f * (right - left);
        float dskew = 0.5f * avg * shift;
        pitches[n] = (float) ((k + (double) shift) * sampleRate / nFft);
        mags[n] = centre + dskew;
        n++;
      }
      count = n;
    }
  }

  /**
   * The frame's largest magnitude, checking every bin is finite and non-negative. On the bits:
   * non-negative floats order as their bit patterns do as ints, NaN and infinity lie above
   * {@code Float.MAX_VALUE}'s pattern and negative values (and -0) below zero, so one integer max
   * and min per bin decide; the first bad bin is looked up only on failure.
   */
  private float frameMax(float[] s, int o, int frame) {
    int hi = 0;
    int lo = 0;
    for (int k = o; k < o + bins; k++) {
      int bits = Float.floatToRawIntBits(s[k]);
      hi = Math.max(hi, bits);
      lo = Math.min(lo, bits);
    }
    if (lo < 0 || hi > MAX_FINITE_BITS) {
      for (int k = 0; k < bins; k++) {
        float v = s[o + k];
        if (!(v >= 0f) || Float.isInfinite(v)) {
          throw new IllegalArgumentException(
              "magnitude spectrogram holds " + v + " at frame " + frame + ", bin " + k);
        }
      }
      // Only -0s: they are not above any non-negative value, as in a first-larger scan from 0.
    }
    return Float.intBitsToFloat(hi);
  }

  /**
   * numpy.median of float32 values (the mean of the two middle values for an even count), by
   * selection rather than sorting: a window holds thousands of peaks. Reorders {@code values}.
   */
  static float median(float[] values, int n) {
    int m = n / 2;
    float upper = select(values, n, m);
    if (n % 2 == 1) {
      return upper;
    }
    // After selection everything left of m is <= the m-th value: the lower middle is their max.
    float lower = values[0];
    for (int i = 1; i < m; i++) {
      lower = Math.max(lower, values[i]);
    }
    return (lower + upper) / 2f;
  }

  /** The k-th smallest of a[0, n) (quickselect, median-of-three pivots); partitions a around it. */
  private static float select(float[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      float pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /**
   * librosa {@code pitch_tuning}: the histogram mode of each frequency's deviation from the
   * nearest bin of an A440 grid with {@code binsPerOctave} bins, in [-0.5, 0.5) fractions of a
   * bin. Returns 0 when no positive frequency is given (librosa warns and returns 0).
   *
   * @param frequencies Hz; only the first {@code count} are used, non-positive ones are ignored
   */
  public static double pitchTuning(float[] frequencies, int count, int binsPerOctave) {
    if (binsPerOctave <= 0) {
      throw new IllegalArgumentException("bins per octave must be positive, got " + binsPerOctave);
    }
    if (count < 0 || count > frequencies.length) {
      throw new IllegalArgumentException(
          "count " + count + " outside [0, " + frequencies.length + "]");
    }
    int[] counts = new int[HISTOGRAM_BINS];
    boolean any = false;
    for (int i = 0; i < count; i++) {
      float f = frequencies[i];
      if (!(f > 0f) || Float.isInfinite(f)) {
        continue;
      }
      any = true;
      // float32 throughout, as numpy evaluates hz_to_octs on piptrack's float32 output.
      float octs = (float) (Math.log(f / A440_OVER_16) / LN_2);
      float scaled = binsPerOctave * octs;
      float residual = scaled - (float) Math.floor(scaled);
      if (residual >= 0.5f) {
        residual -= 1.0f;
      }
      int bin = histogramBin(residual);
      if (bin >= 0) {
        counts[bin]++;
      }
    }
    if (!any) {
      return 0.0;
    }
    int best = 0;
    for (int i = 1; i < HISTOGRAM_BINS; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return EDGES[best];
  }

  /** numpy.histogram's rule: [e_i, e_i+1) except the last bin, which includes its right edge. */
  static int histogramBin(double x) {
    if (!(x >= EDGES[0] && x <= EDGES[HISTOGRAM_BINS])) {
      return -1;
    }
    // A guess from the uniform spacing, corrected against the exact (rounded) edges.
    int j = Math.min((int) ((x - EDGES[0]) * HISTOGRAM_BINS), HISTOGRAM_BINS - 1);
    while (j > 0 && x < EDGES[j]) {
      j--;
    }
    while (j < HISTOGRAM_BINS - 1 && x >= EDGES[j + 1]) {
      j++;
    }
    return j;
  }

  private static double[] histogramEdges() {
    double[] e = new double[HISTOGRAM_BINS + 1];
    double step = 1.0 / HISTOGRAM_BINS;
    for (int i = 0; i < HISTOGRAM_BINS; i++) {
      e[i] = i * step + -0.5;
    }
    e[HISTOGRAM_BINS] = 0.5;
    return e;
  }
}
