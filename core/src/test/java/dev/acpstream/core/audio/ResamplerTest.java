package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resampler against analytic sines. Tolerances (stated in docs/audio-io.md): passband sines
 * (up to 0.86 x the lower Nyquist) come out within 2e-5 absolute of the exact sine at the output
 * times (amplitude 1); sines above the output Nyquist are attenuated below 3e-5 (-90 dB).
 */
class ResamplerTest {

  private static final int OUT = MusicFeatures193.SAMPLE_RATE;
  private static final double PASS_TOLERANCE = 2e-5;

  static float[] sine(int rate, double hz, int n) {
    float[] x = new float[n];
    for (int k = 0; k < n; k++) {
      x[k] = (float) Math.sin(2 * Math.PI * hz * k / rate);
    }
    return x;
  }

  static float[] resample(Resampler r, float[] x, int block) {
    float[] out = new float[(int) r.outputLength(x.length)];
    int[] n = {0};
    SampleSink sink = (s, off, len) -> {
      System.arraycopy(s, off, out, n[0], len);
      n[0] += len;
    };
    for (int i = 0; i < x.length; i += block) {
      r.process(x, i, Math.min(block, x.length - i), sink);
    }
    r.finish(sink);
    assertEquals(out.length, n[0], "output length");
    return out;
  }

  /** Largest deviation from the analytic sine, away from the onset/offset transients. */
  static double maxError(float[] y, double hz, int margin) {
    double worst = 0;
    for (int n = margin; n < y.length - margin; n++) {
      worst = Math.max(worst, Math.abs(y[n] - Math.sin(2 * Math.PI * hz * n / OUT)));
    }
    return worst;
  }

  @ParameterizedTest
  @ValueSource(ints = {44100, 48000, 32000, 16000, 8000})
  void passbandSinesAreExact(int rate) {
    double top = 0.86 * Math.min(rate, OUT) / 2;
    for (double hz : new double[] {440, 1000, top}) {
      float[] y = resample(new Resampler(rate, OUT), sine(rate, hz, 2 * rate), 4096);
      assertEquals((long) Math.ceil(2.0 * rate * OUT / rate), y.length);
      double err = maxError(y, hz, 600);
      assertTrue(err < PASS_TOLERANCE, rate + " Hz input, " + hz + " Hz sine: max error " + err);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {44100, 48000, 32000})
  void contentAboveTheOutputNyquistIsRemoved(int rate) {
    for (double hz : new double[] {11100, 12000, 0.45 * rate}) {
      float[] y = resample(new Resampler(rate, OUT), sine(rate, hz, rate), 4096);
      double peak = 0;
      for (int n = 600; n < y.length - 600; n++) {
        peak = Math.max(peak, Math.abs(y[n]));
      }
      assertTrue(peak < 3e-5, rate + " Hz input, " + hz + " Hz sine leaks " + peak);
    }
  }

  /**
   * Against libsoxr's HQ recipe (what librosa's default 'soxr_hq' runs; reference made by
   * audio/soxr_hq_reference.c from sox's channel mean): the same music resampled by both agrees to
   * over 65 dB SNR at lag 0.
   */
  @ParameterizedTest
  @ValueSource(strings = {"chaos_god_1s_44100_stereo_s24", "chaos_god_1s_48000_stereo_s16"})
  void agreesWithSoxrHq(String name) throws java.io.IOException {
    float[] ours = AudioInput.load(TestAudio.fixture(name + ".wav"), DecodeLimits.DEFAULT);
    float[] soxr = AudioInput.load(TestAudio.fixture(name + ".soxr_hq.wav"), DecodeLimits.DEFAULT);
    assertEquals(soxr.length, ours.length);
    double snr = TestAudio.snrDb(soxr, ours, 0, soxr.length);
    assertTrue(snr > 65, name + ": SNR against soxr HQ " + snr + " dB");
  }

  @Test
  void identityAt22050() {
    float[] x = sine(OUT, 440, 5000);
    assertArrayEquals(x, resample(new Resampler(OUT, OUT), x, 333));
  }

  @ParameterizedTest
  @ValueSource(ints = {44100, 48000, 8000})
  void outputDoesNotDependOnBlockSizes(int rate) {
    Random r = new Random(rate);
    float[] x = new float[rate];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian() * 0.1f;
    }
    float[] whole = resample(new Resampler(rate, OUT), x, x.length);
    for (int block : new int[] {1, 7, 1000, 4097}) {
      assertArrayEquals(whole, resample(new Resampler(rate, OUT), x, block), "block " + block);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {48000, 44100, 8000, OUT})
  void resamplersSharingOneDesignEqualFreshOnes(int rate) {
    Resampler.Design design = Resampler.design(rate, OUT);
    float[] x = sine(rate, 523, rate / 3);
    float[] fresh = resample(new Resampler(rate, OUT), x, 1000);
    assertArrayEquals(fresh, resample(new Resampler(design), x, 1000));
    // A second stream on the same design starts from a clean history.
    assertArrayEquals(fresh, resample(new Resampler(design), x, 777));
  }

  @Test
  void checkNamesTheRatesWithoutDesigning() {
    Resampler.check(48000, OUT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.check(10, OUT));
    assertTrue(e.getMessage().contains("10 -> " + OUT), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.check(OUT, 767_999));
    assertTrue(e.getMessage().contains("not supported"), e.getMessage());
  }

  @Test
  void rejectsRatesOutsideTheRange() {
    assertThrows(IllegalArgumentException.class, () -> new Resampler(10, OUT));
    assertThrows(IllegalArgumentException.class, () -> new Resampler(1_000_000, OUT));
  }

  @Test
  void shortInputsKeepCeilLength() {
    assertEquals(1, resample(new Resampler(44100, OUT), new float[] {0.5f}, 1).length);
    assertEquals(3, resample(new Resampler(8000, OUT), new float[] {0.5f}, 1).length);
    assertEquals(0, resample(new Resampler(48000, OUT), new float[0], 1).length);
    float[] y = resample(new Resampler(44100, OUT), new float[] {1f, 1f, 1f, 1f}, 2);
    assertTrue(Arrays.stream(new double[] {y[0], y[1]}).allMatch(v -> v > 0 && v < 1.2));
  }
}
