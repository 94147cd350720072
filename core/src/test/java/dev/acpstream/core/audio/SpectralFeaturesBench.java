package dev.acpstream.core.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Single-thread cost of the STFT-based groups of the 193-d vector, in seconds of one core per
 * minute of audio. A minute is one 60-s segment: 11 overlapping 10-s windows, each with its own
 * STFT (about 110 s of audio analysed per minute).
 *
 * <p>Run: {@code java -cp core/target/classes:core/target/test-classes
 * dev.acpstream.core.audio.SpectralFeaturesBench [WAV] [ROUNDS]} (default WAV: the parity metal
 * excerpt in ../shared/data/parity). Prints per-group CPU seconds per minute (thread CPU time,
 * robust to other load on the machine) and wall seconds for the full pass.
 */
public final class SpectralFeaturesBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private SpectralFeaturesBench() {}

  public static void main(String[] args) throws Exception {
    Path wav =
        Path.of(
            args.length > 0
                ? args[0]
                : System.getProperty("acp.shared.dir", "../shared")
                    + "/data/parity/muldjord_chaos_god_60-120s.wav");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    float[] y = AudioInput.load(wav, DecodeLimits.DEFAULT);
    int sr = MusicFeatures193.SAMPLE_RATE;
    int win = MusicFeatures193.WINDOW_SECONDS * sr;
    int hop = MusicFeatures193.HOP_SECONDS * sr;
    int segment = Math.min(y.length, MusicFeatures193.SEGMENT_SECONDS * sr);
    int windows = segment < win ? 1 : 1 + (segment - win) / hop;
    float[][] windowSamples = new float[windows][];
    for (int w = 0; w < windows; w++) {
      int from = w * hop;
      windowSamples[w] = Arrays.copyOfRange(y, from, Math.min(from + win, segment));
    }
    double minutes = segment / (60.0 * sr);

    MagnitudeStft stft = new MagnitudeStft();
    MelFilterBank mel = new MelFilterBank(sr);
    Mfcc mfcc = new Mfcc();
    Tuning tuning = new Tuning(sr);
    ChromaStft chroma = new ChromaStft(sr);
    SpectralContrast contrast = new SpectralContrast(sr);
    WindowFeatures all = new WindowFeatures(w -> new float[MusicFeatures193.TONNETZ.size()]);

    String[] names = {"stft + |X| (one pass)", "mel (squares |X| on the fly)", "mfcc", "tuning", "chroma(incl tuning)", "contrast",
        "all (WindowFeatures, tonnetz off)"};
    long[] cpu = new long[names.length];
    long wallAll = 0;
    float sink = 0;
    int warmup = 3;
    for (int round = 0; round < warmup + rounds; round++) {
      boolean measure = round >= warmup;
      for (float[] x : windowSamples) {
        long t0 = CPU.getCurrentThreadCpuTime();
        float[] mag = stft.forward(x).magnitude();
        int frames = Stft.frameCount(x.length);
        long t1 = CPU.getCurrentThreadCpuTime();
        float[] m = new float[frames * mel.bands()];
        mel.applyToMagnitude(mag, frames, m);
        float[] melMean = WindowFeatures.meanOverFrames(m, frames, mel.bands());
        long t2 = CPU.getCurrentThreadCpuTime();
        float[] c = mfcc.meanMfcc(m, frames);
        long t3 = CPU.getCurrentThreadCpuTime();
        double tun = tuning.estimate(mag, frames, 12);
        long t4 = CPU.getCurrentThreadCpuTime();
        float[] ch = chroma.meanChroma(mag, frames);
        long t5 = CPU.getCurrentThreadCpuTime();
        float[] co = contrast.meanContrast(mag, frames);
        long t6 = CPU.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        float[] v = all.extract(x);
        long w1 = System.nanoTime();
        long t7 = CPU.getCurrentThreadCpuTime();

        sink += melMean[3] + c[1] + (float) tun + ch[2] + co[4] + v[5];
        if (measure) {
          cpu[0] += t1 - t0;
          cpu[1] += t2 - t1;
          cpu[2] += t3 - t2;
          cpu[3] += t4 - t3;
          cpu[4] += t5 - t4;
          cpu[5] += t6 - t5;
          cpu[6] += t7 - t6;
          wallAll += w1 - w0;
        }
      }
    }
    double perMinute = 1e-9 / (rounds * minutes);
    System.out.printf(Locale.ROOT, "audio: %s, %.1f s segment, %d windows, %d rounds (+%d warm-up)%n",
        wav.getFileName(), segment / (double) sr, windows, rounds, warmup);
    for (int i = 0; i < names.length; i++) {
      System.out.printf(Locale.ROOT, "%-32s %.4f s CPU per minute of audio%n", names[i],
          cpu[i] * perMinute);
    }
    System.out.printf(Locale.ROOT, "%-32s %.4f s wall per minute of audio (tonnetz excluded)%n",
        "all spectral, wall", wallAll * perMinute);
    System.out.println("(checksum " + sink + ")");
  }
}
