package dev.acpstream.core.audio;

/**
 * librosa 0.10 {@code feature.chroma_stft(S=magnitude, sr)} averaged over a window's frames: the
 * tuning is estimated on the window's own magnitude spectrogram ({@link Tuning}), the chroma
 * filter bank for that tuning is applied to the MAGNITUDE spectrum (the paper's code passes
 * {@code S=np.abs(stft)}, not power), and each frame is divided by its largest class.
 *
 * <p>Thread-safe. Filter banks are cached per tuning value (estimates are quantised to 0.01 of a
 * bin, so a stream of windows needs a handful), bounded.
 */
public final class ChromaStft {

  private final Tuning tuning;
  private final TuningCache<ChromaFilterBank> banks;

  public ChromaStft(int sampleRate) {
    this.tuning = new Tuning(sampleRate);
    this.banks = new TuningCache<>(t -> new ChromaFilterBank(sampleRate, Stft.N_FFT, t));
  }

  /** Mean chroma (12 values, C first) of a frame-major magnitude spectrogram from {@link Stft}. */
  public float[] meanChroma(float[] magnitude, int frames) {
    // Tuning estimation validates the spectrogram (shape, no negative or non-finite value).
    double offset = tuning.estimate(magnitude, frames, ChromaFilterBank.CLASSES);
    return project(magnitude, frames, offset);
  }

  /** As {@link #meanChroma(float[], int)} with a given tuning (fractions of a chroma bin). */
  public float[] meanChroma(float[] magnitude, int frames, double tuningOffset) {
    for (int i = 0; i < magnitude.length; i++) {
      if (!(magnitude[i] >= 0f) || Float.isInfinite(magnitude[i])) {
        throw new IllegalArgumentException(
            "magnitude spectrogram holds " + magnitude[i] + " at index " + i);
      }
    }
    return project(magnitude, frames, tuningOffset);
  }

  private float[] project(float[] magnitude, int frames, double tuningOffset) {
    ChromaFilterBank bank = banks.get(tuningOffset);
    int bins = bank.bins();
    SpectrogramShape.require("magnitude spectrogram", magnitude.length, frames, bins);
    int classes = ChromaFilterBank.CLASSES;
    float[] raw = new float[frames * classes];
    bank.project(magnitude, frames, raw);
    double[] sum = new double[classes];
    for (int t = 0; t < frames; t++) {
      addNormalised(raw, t * classes, sum);
    }
    float[] out = new float[classes];
    for (int c = 0; c < classes; c++) {
      out[c] = (float) (sum[c] / frames);
    }
    return out;
  }

  /** Adds raw[from, from + 12) divided by its largest value (librosa's norm=inf) to sum. */
  private static void addNormalised(float[] raw, int from, double[] sum) {
    int classes = ChromaFilterBank.CLASSES;
    float max = 0f;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, Math.abs(raw[from + c]));
    }
    // librosa.util.normalize leaves frames whose norm is below the smallest normal float as they are.
    float scale = max < Float.MIN_NORMAL ? 1f : max;
    for (int c = 0; c < classes; c++) {
      sum[c] += raw[from + c] / scale;
    }
  }
}
