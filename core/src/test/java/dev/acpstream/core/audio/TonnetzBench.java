package dev.acpstream.core.audio;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Single-thread CPU time of the tonnetz stages per minute of audio, on the 11 overlapping 10-s windows
 * of one 60-s segment (the 193-d recipe's work for a minute). Run from the repo root:
 *
 * <pre>
 * mvn -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp core/target/classes:core/target/test-classes:$(cat core/target/cp.txt) \
 *   dev.acpstream.core.audio.TonnetzBench [wav] [rounds]
 * </pre>
 */
public final class TonnetzBench {

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private TonnetzBench() {}

  public static void main(String[] args) throws Exception {
    Path wav =
        Paths.get(args.length > 0 ? args[0] : "../shared/data/parity/muldjord_chaos_god_60-120s.wav");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    float[] clip = AudioInput.load(wav, DecodeLimits.DEFAULT);
    int sr = MusicFeatures193.SAMPLE_RATE;
    if (clip.length < 60 * sr) {
      throw new IllegalArgumentException(wav + " is shorter than 60 s");
    }
    float[][] windows = new float[11][];
    for (int w = 0; w < 11; w++) {
      windows[w] = Arrays.copyOfRange(clip, w * 5 * sr, w * 5 * sr + 10 * sr);
    }
    Hpss hpss = new Hpss(Hpss.CHROMA_BAND_BINS); // as Tonnetz runs it
    Hpss fullBand = new Hpss();
    Stft stft = new Stft();
    Tuning tuning = new Tuning(sr);
    ChromaCqt chroma = new ChromaCqt();
    Tonnetz tonnetz = new Tonnetz();
    float[][] harmonic = new float[11][];
    Stft.Spectrogram[] spectra = new Stft.Spectrogram[11];
    for (int w = 0; w < 11; w++) {
      spectra[w] = stft.forward(windows[w]); // WindowFeatures computes it once for all groups
    }
    double[] tunings = new double[11];
    double sink = 0;
    for (int r = 0; r <= rounds; r++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      for (int w = 0; w < 11; w++) {
        harmonic[w] = hpss.harmonic(windows[w]);
      }
      long t1 = CPU.getCurrentThreadCpuTime();
      for (int w = 0; w < 11; w++) {
        tunings[w] = tuning.estimate(stft.forwardBandLimited(harmonic[w]), ConstantQ.BINS_PER_OCTAVE);
      }
      long t2 = CPU.getCurrentThreadCpuTime();
      for (int w = 0; w < 11; w++) {
        sink += chroma.chroma(harmonic[w], tunings[w])[0];
      }
      long t3 = CPU.getCurrentThreadCpuTime();
      for (int w = 0; w < 11; w++) {
        sink += tonnetz.meanTonnetz(windows[w])[0];
      }
      long t4 = CPU.getCurrentThreadCpuTime();
      for (int w = 0; w < 11; w++) {
        sink += fullBand.harmonic(windows[w])[0];
      }
      long t5 = CPU.getCurrentThreadCpuTime();
      for (int w = 0; w < 11; w++) {
        sink += tonnetz.meanTonnetz(windows[w], spectra[w])[0];
      }
      long t6 = CPU.getCurrentThreadCpuTime();
      if (r > 0) { // round 0 warms the JIT up
        System.out.printf(
            "round %d, s per minute of audio (11 windows): hpss %.3f  tuning %.3f  cqt+chroma %.3f"
                + "  tonnetz total %.3f  given the window's STFT %.3f  (full-band hpss %.3f)%n",
            r, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
            (t6 - t5) / 1e9, (t5 - t4) / 1e9);
      }
    }
    System.out.println("(checksum " + sink + ")");
  }
}
