package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowFeaturesTest {

  private static final int SR = MusicFeatures193.SAMPLE_RATE;

  /** A real, if simple, tonnetz-shaped function: the first six samples, so placement is visible. */
  private final WindowFeatures features = new WindowFeatures(w -> Arrays.copyOf(w, 6));

  @Test
  void assemblesTheGroupsInThePapersLayout() {
    float[] y = noisyTone(SR * 3);
    float[] v = features.extract(y);
    assertEquals(MusicFeatures193.DIM, v.length);

    Stft.Spectrogram s = new Stft().forward(y);
    float[] mag = s.magnitude();
    float[] pow = new float[mag.length];
    for (int i = 0; i < pow.length; i++) {
      pow[i] = mag[i] * mag[i];
    }
    MelFilterBank bank = new MelFilterBank(SR);
    float[] mel = new float[s.frames() * MelFilterBank.BANDS];
    bank.apply(pow, s.frames(), mel);
    assertArrayEquals(new Mfcc().meanMfcc(mel, s.frames()), slice(v, MusicFeatures193.MFCC));
    assertArrayEquals(
        new ChromaStft(SR).meanChroma(mag, s.frames()), slice(v, MusicFeatures193.CHROMA));
    assertArrayEquals(
        WindowFeatures.meanOverFrames(mel, s.frames(), MelFilterBank.BANDS),
        slice(v, MusicFeatures193.MEL));
    assertArrayEquals(
        new SpectralContrast(SR).meanContrast(mag, s.frames()),
        slice(v, MusicFeatures193.CONTRAST));
    assertArrayEquals(Arrays.copyOf(y, 6), slice(v, MusicFeatures193.TONNETZ));
  }

  @Test
  void handsTheTonnetzFunctionTheWindowsOwnStft() {
    float[] y = noisyTone(SR);
    Stft.Spectrogram expected = new Stft().forward(y);
    java.util.concurrent.atomic.AtomicReference<Stft.Spectrogram> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    TonnetzFunction reusing =
        new TonnetzFunction() {
          @Override
          public float[] meanTonnetz(float[] window) {
            throw new AssertionError("the spectrogram-taking form should be called");
          }

          @Override
          public float[] meanTonnetz(float[] window, Stft.Spectrogram windowStft) {
            seen.set(windowStft);
            return new float[6];
          }
        };
    new WindowFeatures(reusing).extract(y);
    assertEquals(expected.frames(), seen.get().frames());
    assertArrayEquals(expected.re(), seen.get().re());
    assertArrayEquals(expected.im(), seen.get().im());
  }

  @Test
  void silenceGivesFiniteValues() {
    float[] v = features.extract(new float[SR * 10]);
    for (int i = 0; i < v.length; i++) {
      assertTrue(Float.isFinite(v[i]), "index " + i + " = " + v[i]);
    }
    // Silence: -100 dB mel everywhere -> c0 = -100 sqrt(128), chroma and contrast 0.
    assertEquals(-100 * Math.sqrt(128), v[0], 1e-3);
  }

  @Test
  void veryShortWindowsStillGiveAVector() {
    for (int n : new int[] {1, 511, 2048, SR * 6}) {
      float[] v = features.extract(noisyTone(n));
      assertEquals(MusicFeatures193.DIM, v.length);
      for (float x : v) {
        assertTrue(Float.isFinite(x), "n=" + n);
      }
    }
  }

  @Test
  void rejectsEmptyOrNonFiniteWindowsNamingTheSample() {
    assertThrows(IllegalArgumentException.class, () -> features.extract(new float[0]));
    assertThrows(IllegalArgumentException.class, () -> features.extract(null));
    float[] y = new float[1000];
    y[321] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> features.extract(y));
    assertTrue(e.getMessage().contains("sample 321"), e.getMessage());
  }

  @Test
  void rejectsATonnetzFunctionOfTheWrongSize() {
    WindowFeatures bad = new WindowFeatures(w -> new float[5]);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> bad.extract(new float[SR]));
    assertTrue(e.getMessage().contains("5 values"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new WindowFeatures(null));
  }

  @Test
  void isSafeToShareAcrossThreads() throws Exception {
    float[] y = noisyTone(SR * 2);
    float[] expected = features.extract(y);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(() -> features.extract(y));
      var b = pool.submit(() -> features.extract(y));
      assertArrayEquals(expected, a.get());
      assertArrayEquals(expected, b.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static float[] noisyTone(int n) {
    Random r = new Random(n);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.4 * Math.sin(2 * Math.PI * 523.25 * i / SR) + 0.02 * r.nextGaussian());
    }
    return y;
  }

  private static float[] slice(float[] v, MusicFeatures193.Group g) {
    return Arrays.copyOfRange(v, g.from(), g.to());
  }
}
