package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelFilterBankTest {

  private static final int SR = 22050;
  private final MelFilterBank bank = new MelFilterBank(SR);

  @Test
  void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
    assertEquals(15.0, MelFilterBank.hzToMel(1000.0), 1e-12);
    assertEquals(3.0, MelFilterBank.hzToMel(200.0), 1e-12);
    assertEquals(15.0 + 27.0, MelFilterBank.hzToMel(6400.0), 1e-9);
    for (double hz : new double[] {0, 440, 999, 1000, 5000, 11025}) {
      assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz)), 1e-9 * (1 + hz));
    }
  }

  @Test
  void everyBandIsATriangleOfUnitAreaInHertz() {
    double binHz = SR / (double) Stft.N_FFT;
    for (int m = 10; m < MelFilterBank.BANDS; m++) {
      double area = 0;
      int peaks = 0;
      double prev = 0;
      boolean falling = false;
      for (int k = 0; k < Stft.BINS; k++) {
        double w = bank.weight(m, k);
        assertTrue(w >= 0, "negative weight");
        area += w * binHz;
        if (w < prev) {
          falling = true;
        } else if (w > prev && falling) {
          peaks++;
        }
        prev = w;
      }
      assertEquals(0, peaks, "band " + m + " is not a single triangle");
      // Sampling a triangle at the bin grid is exact up to its tips: a few % for narrow bands.
      assertEquals(1.0, area, 0.05, "area of band " + m);
    }
  }

  @Test
  void appliesTheBankToEachFrameIndependently() {
    float[] power = new float[2 * Stft.BINS];
    power[100] = 1f;
    power[Stft.BINS + 500] = 2f;
    float[] out = new float[2 * MelFilterBank.BANDS];
    bank.apply(power, 2, out);
    for (int m = 0; m < MelFilterBank.BANDS; m++) {
      assertEquals(bank.weight(m, 100), out[m], 0f);
      assertEquals(2 * bank.weight(m, 500), out[MelFilterBank.BANDS + m], 1e-12f);
    }
  }

  @Test
  void applyingToMagnitudesEqualsApplyingToTheirFloatSquares() {
    java.util.Random r = new java.util.Random(8);
    float[] mag = new float[3 * Stft.BINS];
    float[] pow = new float[mag.length];
    for (int i = 0; i < mag.length; i++) {
      mag[i] = (float) Math.abs(r.nextGaussian() * 10);
      pow[i] = mag[i] * mag[i];
    }
    float[] a = new float[3 * MelFilterBank.BANDS];
    float[] b = new float[a.length];
    bank.apply(pow, 3, a);
    bank.applyToMagnitude(mag, 3, b);
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
  }

  @Test
  void rejectsMismatchedShapesAndBadSettings() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bank.apply(new float[Stft.BINS + 1], 1, new float[MelFilterBank.BANDS]));
    assertTrue(e.getMessage().contains(String.valueOf(Stft.BINS + 1)), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> bank.apply(new float[Stft.BINS], 1, new float[MelFilterBank.BANDS - 1]));
    assertThrows(IllegalArgumentException.class, () -> new MelFilterBank(SR, 2048, 128, 500, 100));
    assertThrows(IllegalArgumentException.class, () -> new MelFilterBank(0));
  }
}
