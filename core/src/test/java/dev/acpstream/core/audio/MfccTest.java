package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MfccTest {

  private static final int BANDS = MelFilterBank.BANDS;
  private final Mfcc mfcc = new Mfcc();

  @Test
  void dctIsOrthonormal() {
    double[][] d = Mfcc.orthonormalDct2(BANDS, BANDS);
    for (int a = 0; a < BANDS; a += 7) {
      for (int b = 0; b < BANDS; b += 5) {
        double dot = 0;
        for (int i = 0; i < BANDS; i++) {
          dot += d[a][i] * d[b][i];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12, "rows " + a + "," + b);
      }
    }
  }

  @Test
  void aFlatSpectrumHasOnlyTheZerothCoefficient() {
    float[] mel = new float[3 * BANDS];
    java.util.Arrays.fill(mel, 0.01f); // -20 dB everywhere
    float[] c = mfcc.meanMfcc(mel, 3);
    assertEquals(Mfcc.COEFFICIENTS, c.length);
    assertEquals(-20.0 * Math.sqrt(BANDS), c[0], 1e-3);
    for (int k = 1; k < c.length; k++) {
      assertEquals(0.0, c[k], 1e-4, "c" + k);
    }
  }

  @Test
  void floorsEveryValueAtEightyDecibelsBelowTheWindowMaximum() {
    float[] loud = new float[2 * BANDS];
    java.util.Arrays.fill(loud, 1e-12f); // -120 dB
    loud[0] = 1f; // 0 dB in frame 0 sets the floor at -80 dB for both frames
    float[] c = mfcc.meanMfcc(loud, 2);
    // Mean floored dB frame: band 0 = (0 - 80) / 2, others -80; c0 = sum / sqrt(N).
    double expected = ((-40.0) + (BANDS - 1) * -80.0) / Math.sqrt(BANDS);
    assertEquals(expected, c[0], 1e-3);
  }

  @Test
  void silenceIsFinite() {
    float[] c = mfcc.meanMfcc(new float[4 * BANDS], 4);
    assertEquals(-100.0 * Math.sqrt(BANDS), c[0], 1e-3);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> mfcc.meanMfcc(new float[BANDS], 2));
    assertThrows(IllegalArgumentException.class, () -> mfcc.meanMfcc(new float[BANDS], 0));
    float[] nan = new float[BANDS];
    nan[3] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> mfcc.meanMfcc(nan, 1));
    assertThrows(IllegalArgumentException.class, () -> new Mfcc(129, 128));
  }
}
