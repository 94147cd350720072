package dev.acpstream.core.audio;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A/B timing of {@link Tuning} against {@link TuningBaseline} on the 11 windows of one real
 * minute: chroma_stft's call (magnitude, 12 bins per octave) and tonnetz's (the harmonic
 * signal's complex STFT, 36), alternating old and new in one JVM, min over rounds; the results
 * must be identical. Run: java -cp ... dev.acpstream.core.audio.TuningAb [WAV] [ROUNDS]
 */
public final class TuningAb {

  private TuningAb() {}

  public static void main(String[] args) throws Exception {
    Path wav = Path.of(args.length > 0 ? args[0]
        : "../shared/data/parity/muldjord_chaos_god_60-120s.wav");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    float[] y = AudioInput.load(wav, DecodeLimits.DEFAULT);
    int sr = MusicFeatures193.SAMPLE_RATE;
    int windows = 11;
    MagnitudeStft.Result[] spec = new MagnitudeStft.Result[windows];
    Stft.Spectrogram[] harmonic = new Stft.Spectrogram[windows];
    Hpss hpss = new Hpss(Hpss.CHROMA_BAND_BINS);
    Stft stft = new Stft();
    for (int w = 0; w < windows; w++) {
      float[] x = Arrays.copyOfRange(y, w * 5 * sr, w * 5 * sr + 10 * sr);
      spec[w] = new MagnitudeStft().forward(x);
      harmonic[w] = stft.forward(hpss.harmonic(x, spec[w].spectrogram(), spec[w].magnitude()));
    }
    TuningBaseline oldT = new TuningBaseline(sr);
    Tuning newT = new Tuning(sr);
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    double sink = 0;
    for (int r = 0; r < rounds; r++) {
      long[] t = new long[5];
      t[0] = System.nanoTime();
      double[] a = new double[windows];
      double[] b = new double[windows];
      double[] c = new double[windows];
      double[] d = new double[windows];
      for (int w = 0; w < windows; w++) {
        a[w] = oldT.estimate(spec[w].magnitude(), spec[w].spectrogram().frames(), 12);
      }
      t[1] = System.nanoTime();
      for (int w = 0; w < windows; w++) {
        b[w] = newT.estimate(spec[w].magnitude(), spec[w].spectrogram().frames(), 12);
      }
      t[2] = System.nanoTime();
      for (int w = 0; w < windows; w++) {
        c[w] = oldT.estimate(harmonic[w], 36);
      }
      t[3] = System.nanoTime();
      for (int w = 0; w < windows; w++) {
        d[w] = newT.estimate(harmonic[w], 36);
      }
      t[4] = System.nanoTime();
      if (!Arrays.equals(a, b) || !Arrays.equals(c, d)) {
        throw new AssertionError("results differ: " + Arrays.toString(a) + " " + Arrays.toString(b)
            + " " + Arrays.toString(c) + " " + Arrays.toString(d));
      }
      for (int i = 0; i < 4; i++) {
        best[i] = Math.min(best[i], t[i + 1] - t[i]);
      }
      sink += a[0] + c[0];
    }
    System.out.printf(Locale.ROOT,
        "tuning of |X| (chroma_stft): old %.3f ms, new %.3f ms per window%n",
        best[0] / 1e6 / windows, best[1] / 1e6 / windows);
    System.out.printf(Locale.ROOT,
        "tuning of harmonic STFT (tonnetz): old %.3f ms, new %.3f ms per window%n",
        best[2] / 1e6 / windows, best[3] / 1e6 / windows);
    System.out.println("identical results on all windows (checksum " + sink + ")");
  }
}
