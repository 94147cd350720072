package dev.acpstream.core.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Single-thread CPU seconds per minute of audio of the whole 193-d vector, per group and in total,
 * on the 11 overlapping 10-s windows of one 60-s segment (librosa semantics: every window has its
 * own STFT, HPSS and CQT). The total is {@link WindowFeatureExtractors#paper193()} end to end; the
 * group rows time the same stages one by one, so they add up to about the total. Run from the repo
 * root:
 *
 * <pre>
 * mvn -B -q -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp core/target/classes:core/target/test-classes:$(cat core/target/cp.txt) \
 *   dev.acpstream.core.audio.Paper193Bench [WAV] [ROUNDS]
 * </pre>
 */
public final class Paper193Bench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private Paper193Bench() {}

  public static void main(String[] args) throws Exception {
    Path wav =
        Path.of(
            args.length > 0
                ? args[0]
                : System.getProperty("acp.shared.dir", "../shared")
                    + "/data/parity/muldjord_chaos_god_60-120s.wav");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    float[] y = AudioInput.load(wav, DecodeLimits.DEFAULT);
    int sr = MusicFeatures193.SAMPLE_RATE;
    int win = MusicFeatures193.WINDOW_SECONDS * sr;
    int hop = MusicFeatures193.HOP_SECONDS * sr;
    int segment = MusicFeatures193.SEGMENT_SECONDS * sr;
    if (y.length < segment) {
      throw new IllegalArgumentException(wav + " is shorter than one 60-s segment");
    }
    int windows = 1 + (segment - win) / hop;
    float[][] x = new float[windows][];
    for (int w = 0; w < windows; w++) {
      x[w] = Arrays.copyOfRange(y, w * hop, w * hop + win);
    }

    MagnitudeStft stft = new MagnitudeStft();
    MelFilterBank mel = new MelFilterBank(sr);
    Mfcc mfcc = new Mfcc();
    ChromaStft chroma = new ChromaStft(sr);
    SpectralContrast contrast = new SpectralContrast(sr);
    Hpss hpss = new Hpss(Hpss.CHROMA_BAND_BINS);
    Stft plainStft = new Stft();
    Tuning tuning = new Tuning(sr);
    ChromaCqt chromaCqt = new ChromaCqt();
    WindowFeatureExtractor all = WindowFeatureExtractors.paper193();

    String[] names = {
      "stft + |X|", "mel", "mfcc", "chroma_stft (incl tuning)", "contrast",
      "tonnetz: hpss (given STFT, |X|)", "tonnetz: tuning of harmonic", "tonnetz: cqt + chroma",
      "TOTAL paper193().extract"
    };
    long[] cpu = new long[names.length];
    double sink = 0;
    int warmup = 2;
    for (int round = 0; round < warmup + rounds; round++) {
      boolean measure = round >= warmup;
      long[] t = new long[names.length + 1];
      for (float[] w : x) {
        t[0] = CPU.getCurrentThreadCpuTime();
        MagnitudeStft.Result spec = stft.forward(w);
        int frames = spec.spectrogram().frames();
        t[1] = CPU.getCurrentThreadCpuTime();
        float[] m = new float[frames * mel.bands()];
        mel.applyToMagnitude(spec.magnitude(), frames, m);
        sink += WindowFeatures.meanOverFrames(m, frames, mel.bands())[0];
        t[2] = CPU.getCurrentThreadCpuTime();
        sink += mfcc.meanMfcc(m, frames)[0];
        t[3] = CPU.getCurrentThreadCpuTime();
        sink += chroma.meanChroma(spec.magnitude(), frames)[0];
        t[4] = CPU.getCurrentThreadCpuTime();
        sink += contrast.meanContrast(spec.magnitude(), frames)[0];
        t[5] = CPU.getCurrentThreadCpuTime();
        float[] harmonic = hpss.harmonic(w, spec.spectrogram(), spec.magnitude());
        t[6] = CPU.getCurrentThreadCpuTime();
        double offset =
            tuning.estimate(plainStft.forwardBandLimited(harmonic), ConstantQ.BINS_PER_OCTAVE);
        t[7] = CPU.getCurrentThreadCpuTime();
        sink += chromaCqt.chromaOfBandLimited(harmonic, offset)[0];
        t[8] = CPU.getCurrentThreadCpuTime();
        sink += all.extract(w)[MusicFeatures193.DIM - 1];
        t[9] = CPU.getCurrentThreadCpuTime();
        if (measure) {
          for (int i = 0; i < names.length; i++) {
            cpu[i] += t[i + 1] - t[i];
          }
        }
      }
    }
    double perMinute = 1e-9 / rounds; // 11 windows = one minute of audio
    System.out.printf(Locale.ROOT, "audio: %s, %d windows of 10 s = 1 minute, %d rounds (+%d warm-up)%n",
        wav.getFileName(), windows, rounds, warmup);
    double sum = 0;
    for (int i = 0; i < names.length; i++) {
      if (i == names.length - 1) {
        System.out.printf(Locale.ROOT, "%-32s %.4f%n", "(sum of the stages above)", sum);
      } else {
        sum += cpu[i] * perMinute;
      }
      System.out.printf(Locale.ROOT, "%-32s %.4f s CPU per minute of audio%n", names[i],
          cpu[i] * perMinute);
    }
    System.out.println("(checksum " + sink + ")");
  }
}
