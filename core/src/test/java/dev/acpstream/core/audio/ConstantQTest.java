package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstantQTest {

  private static final int SR = 22050;
  private final ConstantQ cqt = new ConstantQ();

  @Test
  void frameCountMatchesTheStft() {
    assertEquals(431, ConstantQ.frameCount(220500));
    assertEquals(Stft.frameCount(135115), ConstantQ.frameCount(135115));
  }

  @Test
  void aToneOnABinCentrePeaksThereInEveryOctave() {
    // Bin 135 is A4 (440 Hz); check one bin per octave, from the lowest to the top octave.
    for (int bin : new int[] {9, 50, 100, 135, 171, 230, 251}) {
      double f = ConstantQ.FMIN_C1 * Math.pow(2, bin / 36.0);
      float[] c = cqt.magnitude(tone(3 * SR, f), 0.0);
      int t = c.length / ConstantQ.BINS / 2;
      int best = 0;
      for (int b = 0; b < ConstantQ.BINS; b++) {
        if (c[t * ConstantQ.BINS + b] > c[t * ConstantQ.BINS + best]) {
          best = b;
        }
      }
      assertEquals(bin, best, "tone at " + f + " Hz");
    }
  }

  @Test
  void tuningShiftsTheBins() {
    // A tone half a bin above A4 sits on bin 135 once tuning says +0.5.
    double f = 440 * Math.pow(2, 0.5 / 36);
    float[] flat = cqt.magnitude(tone(2 * SR, f), 0.0);
    float[] tuned = cqt.magnitude(tone(2 * SR, f), 0.5);
    int t = 40 * ConstantQ.BINS;
    assertTrue(Math.abs(flat[t + 135] - flat[t + 136]) < 0.05 * flat[t + 135]);
    assertTrue(tuned[t + 135] > 1.5 * tuned[t + 136]);
    assertTrue(tuned[t + 135] > 1.5 * tuned[t + 134]);
  }

  @Test
  void badTuningAndNonFiniteSamplesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> cqt.magnitude(new float[4096], 0.7));
    assertThrows(IllegalArgumentException.class, () -> cqt.magnitude(new float[4096], Double.NaN));
    float[] y = new float[4096];
    y[7] = Float.POSITIVE_INFINITY;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cqt.magnitude(y, 0.0));
    assertTrue(e.getMessage().contains("7"), e.getMessage());
  }

  static float[] tone(int n, double f) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / SR));
    }
    return y;
  }
}
