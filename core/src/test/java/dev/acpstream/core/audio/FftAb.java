package dev.acpstream.core.audio;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A/B timing of the FFT (old {@link RealFftBaseline} vs {@link RealFft}) and the window STFT with
 * magnitude, alternating old and new in one JVM on real audio; min over rounds. Also reports the
 * largest difference of the outputs. Run: java -cp ... dev.acpstream.core.audio.FftAb [WAV]
 * [ROUNDS]
 */
public final class FftAb {

  private FftAb() {}

  public static void main(String[] args) throws Exception {
    Path wav = Path.of(args.length > 0 ? args[0]
        : "../shared/data/parity/muldjord_chaos_god_60-120s.wav");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    float[] y = AudioInput.load(wav, DecodeLimits.DEFAULT);
    float[] w = Arrays.copyOfRange(y, 0, 10 * MusicFeatures193.SAMPLE_RATE);
    int frames = Stft.frameCount(w.length);
    int bins = Stft.BINS;
    double[] window = Stft.periodicHannF64(Stft.N_FFT);
    RealFftBaseline oldFft = new RealFftBaseline(Stft.N_FFT);
    RealFft newFft = new RealFft(Stft.N_FFT);
    float[] reA = new float[frames * bins];
    float[] imA = new float[frames * bins];
    float[] magA = new float[frames * bins];
    float[] reB = new float[frames * bins];
    float[] imB = new float[frames * bins];
    float[] magB = new float[frames * bins];
    double[] scratch = new double[Stft.N_FFT];
    int pad = Stft.N_FFT / 2;
    long bestOldFft = Long.MAX_VALUE;
    long bestNewFft = Long.MAX_VALUE;
    long bestOldMag = Long.MAX_VALUE;
    long bestNewMag = Long.MAX_VALUE;
    MagnitudeStftBaseline oldStft = new MagnitudeStftBaseline();
    MagnitudeStft newStft = new MagnitudeStft();
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int t = 0; t < frames; t++) {
        oldFft.forward(w, t * Stft.HOP - pad, window, scratch, reA, imA, t * bins);
      }
      long t1 = System.nanoTime();
      for (int t = 0; t < frames; t++) {
        newFft.forward(w, t * Stft.HOP - pad, window, scratch, reB, imB, t * bins);
      }
      long t2 = System.nanoTime();
      MagnitudeStft.Result oldRes = oldStft.forward(w);
      long t3 = System.nanoTime();
      MagnitudeStft.Result res = newStft.forward(w);
      long t5 = System.nanoTime();
      long t4 = t3;
      System.arraycopy(oldRes.magnitude(), 0, magA, 0, magA.length);
      System.arraycopy(res.magnitude(), 0, magB, 0, magB.length);
      bestOldFft = Math.min(bestOldFft, t1 - t0);
      bestNewFft = Math.min(bestNewFft, t2 - t1);
      bestOldMag = Math.min(bestOldMag, t3 - t2);
      bestNewMag = Math.min(bestNewMag, t5 - t4);
    }
    System.out.printf(Locale.ROOT, "FFT 2048 (windowed): old %.3f us, new %.3f us per frame%n",
        bestOldFft / 1e3 / frames, bestNewFft / 1e3 / frames);
    System.out.printf(Locale.ROOT, "window STFT + |X| (%d frames): old %.3f ms, new %.3f ms%n",
        frames, bestOldMag / 1e6, bestNewMag / 1e6);
    report("re", reA, reB);
    report("im", imA, imB);
    report("mag", magA, magB);
    // 1024-point, the other size in use
    RealFftBaseline old1k = new RealFftBaseline(1024);
    RealFft new1k = new RealFft(1024);
    double[] win1k = Stft.periodicHannF64(1024);
    long bo = Long.MAX_VALUE;
    long bn = Long.MAX_VALUE;
    int f1k = (w.length - 1024) / 512;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int t = 0; t < f1k; t++) {
        old1k.forward(w, t * 512, win1k, scratch, reA, imA, 0);
      }
      long t1 = System.nanoTime();
      for (int t = 0; t < f1k; t++) {
        new1k.forward(w, t * 512, win1k, scratch, reB, imB, 0);
      }
      long t2 = System.nanoTime();
      bo = Math.min(bo, t1 - t0);
      bn = Math.min(bn, t2 - t1);
    }
    System.out.printf(Locale.ROOT, "FFT 1024: old %.3f us, new %.3f us per frame%n",
        bo / 1e3 / f1k, bn / 1e3 / f1k);
  }

  private static void report(String name, float[] a, float[] b) {
    int differ = 0;
    int maxUlps = 0;
    double maxRel = 0;
    float peak = 0;
    for (float v : a) {
      peak = Math.max(peak, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
        differ++;
        maxUlps = Math.max(maxUlps, (int) Math.abs(Math.round((a[i] - b[i]) / Math.ulp(a[i]))));
        maxRel = Math.max(maxRel, Math.abs(a[i] - b[i]) / peak);
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d of %d values differ, max %d ulp, max |diff|/peak %.2e%n",
        name, differ, a.length, maxUlps, maxRel);
  }
}
