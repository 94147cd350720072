package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChromaFilterBankTest {

  private static final int SR = 22050;
  private final ChromaFilterBank bank = new ChromaFilterBank(SR, Stft.N_FFT, -0.13);

  @Test
  void blockedProjectionEqualsTheDenseProductForEveryFrameCount() {
    Random r = new Random(7);
    int bins = bank.bins();
    // Frame counts below, at and across the projection's block of frames.
    for (int frames : new int[] {1, 2, 63, 64, 65, 127, 128, 129, 300}) {
      float[] s = new float[frames * bins];
      for (int i = 0; i < s.length; i++) {
        // Music-like: falling with frequency, some exact zeros and repeated values.
        int k = i % bins;
        s[i] = r.nextInt(10) == 0 ? 0f : (float) (r.nextDouble() * 100.0 / (1 + k / 50.0));
      }
      float[] got = new float[frames * ChromaFilterBank.CLASSES];
      bank.project(s, frames, got);
      for (int t = 0; t < frames; t++) {
        for (int c = 0; c < ChromaFilterBank.CLASSES; c++) {
          double dense = 0;
          double magnitudeSum = 0;
          for (int k = 0; k < bins; k++) {
            dense += (double) bank.weight(c, k) * s[t * bins + k];
            magnitudeSum += s[t * bins + k];
          }
          // Float accumulation over ~1000 bins; the negligible weights add far less.
          double tol = 1e-6 * magnitudeSum;
          assertEquals(dense, got[t * ChromaFilterBank.CLASSES + c], tol,
              "frames=" + frames + " t=" + t + " class " + c);
        }
      }
    }
  }

  @Test
  void aSingleBinLandsOnItsOwnWeightsIncludingTheDroppedOnesWithinTheirBound() {
    int bins = bank.bins();
    for (int k : new int[] {0, 1, 40, 500, bins - 1}) {
      float[] s = new float[bins];
      s[k] = 1f;
      float[] got = new float[ChromaFilterBank.CLASSES];
      bank.project(s, 1, got);
      float largest = 0f;
      for (int c = 0; c < ChromaFilterBank.CLASSES; c++) {
        largest = Math.max(largest, bank.weight(c, k));
      }
      for (int c = 0; c < ChromaFilterBank.CLASSES; c++) {
        float w = bank.weight(c, k);
        // A weight is either used exactly or dropped as below 1e-9 of the bin's largest.
        assertTrue(got[c] == w || (got[c] == 0f && w < 1e-9 * largest),
            "bin " + k + " class " + c + ": " + got[c] + " vs weight " + w);
      }
    }
  }

  @Test
  void rejectsASpectrumOfTheWrongShape() {
    float[] out = new float[2 * ChromaFilterBank.CLASSES];
    assertThrows(IllegalArgumentException.class,
        () -> bank.project(new float[bank.bins() + 1], 1, out));
    assertThrows(IllegalArgumentException.class,
        () -> bank.project(new float[3 * bank.bins()], 3, out));
  }
}
