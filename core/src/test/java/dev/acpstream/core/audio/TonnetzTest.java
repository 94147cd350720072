package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TonnetzTest {

  private static final int SR = 22050;
  private final Tonnetz tonnetz = new Tonnetz();

  @Test
  void aPureAIsOnTheFifthsCircleAtA() {
    // Pitch class A (9): fifths sin = sin(7*9*pi/6) = 1, minor-thirds sin = sin(3*9*pi/2) = -1.
    float[] t = tonnetz.meanTonnetz(ConstantQTest.tone(4 * SR, 440));
    assertEquals(6, t.length);
    assertEquals(1.0, t[0], 0.05);
    assertEquals(-1.0, t[2], 0.05);
    assertEquals(0.5, t[5], 0.05);
  }

  @Test
  void aCMajorTriadDiffersFromACMinorTriad() {
    float[] major = tonnetz.meanTonnetz(chord(4 * SR, 261.63, 329.63, 392.00));
    float[] minor = tonnetz.meanTonnetz(chord(4 * SR, 261.63, 311.13, 392.00));
    // The major-third axis (rows 4-5) separates them most.
    double d = Math.hypot(major[4] - minor[4], major[5] - minor[5]);
    assertTrue(d > 0.1, "major vs minor distance " + d);
  }

  @Test
  void windowsShorterThanOneFrameOrOneFilterStillGiveSixFiniteValues() {
    for (int n : new int[] {1, 100, 600, 5000}) {
      float[] t = tonnetz.meanTonnetz(ConstantQTest.tone(n, 261.63));
      assertEquals(6, t.length);
      for (float v : t) {
        assertTrue(Float.isFinite(v) && Math.abs(v) <= 1, "n=" + n + " value " + v);
      }
    }
  }

  @Test
  void reusingTheWindowsStftGivesTheSameValues() {
    float[] y = chord(3 * SR, 196.0, 246.94, 293.66);
    float[] direct = tonnetz.meanTonnetz(y);
    float[] reused = tonnetz.meanTonnetz(y, new Stft().forward(y));
    for (int p = 0; p < 6; p++) {
      assertEquals(direct[p], reused[p]);
    }
  }

  @Test
  void aSpectrogramOfAnotherLengthIsRejected() {
    float[] y = chord(2 * SR, 220);
    Stft.Spectrogram other = new Stft().forward(new float[SR]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tonnetz.meanTonnetz(y, other));
    assertTrue(e.getMessage().contains(String.valueOf(y.length)), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tonnetz.meanTonnetz(y, null));
  }

  @Test
  void silenceGivesZeros() {
    for (float v : tonnetz.meanTonnetz(new float[2 * SR])) {
      assertEquals(0f, v);
    }
  }

  @Test
  void concurrentCallsAgreeWithASequentialOne() throws Exception {
    float[] y = chord(3 * SR, 220, 277.18, 329.63);
    float[] want = tonnetz.meanTonnetz(y);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<float[]> a = pool.submit(() -> tonnetz.meanTonnetz(y));
      Future<float[]> b = pool.submit(() -> tonnetz.meanTonnetz(y));
      Future<float[]> c = pool.submit(() -> tonnetz.meanTonnetz(y));
      for (Future<float[]> f : new Future[] {a, b, c}) {
        float[] got = f.get();
        for (int p = 0; p < 6; p++) {
          assertEquals(want[p], got[p]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void emptyNullOrNonFiniteWindowsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> tonnetz.meanTonnetz(new float[0]));
    assertThrows(IllegalArgumentException.class, () -> tonnetz.meanTonnetz(null));
    float[] y = new float[SR];
    y[99] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tonnetz.meanTonnetz(y));
    assertTrue(e.getMessage().contains("99"), e.getMessage());
  }

  private static float[] chord(int n, double... freqs) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (double f : freqs) {
        v += 0.2 * Math.sin(2 * Math.PI * f * i / SR);
      }
      y[i] = (float) v;
    }
    return y;
  }
}
