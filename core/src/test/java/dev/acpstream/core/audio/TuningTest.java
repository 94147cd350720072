package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TuningTest {

  private static final int SR = 22050;
  private final Tuning tuning = new Tuning(SR);
  private final Stft stft = new Stft();

  /** librosa's own doc example: cqt_frequencies(24, 55, tuning=0.25) -> pitch_tuning = 0.25. */
  @Test
  void pitchTuningRecoversTheOffsetOfAnExactlyDetunedScale() {
    float[] freqs = new float[24];
    for (int i = 0; i < freqs.length; i++) {
      freqs[i] = (float) (55.0 * Math.pow(2.0, (i + 0.25) / 12.0));
    }
    assertEquals(0.25, Tuning.pitchTuning(freqs, freqs.length, 12), 1e-12);
  }

  @Test
  void pitchTuningWrapsDeviationsAboveHalfABinToTheNextPitch() {
    float[] freqs = {(float) (440.0 * Math.pow(2.0, 0.7 / 12.0))};
    assertEquals(-0.30, Tuning.pitchTuning(freqs, 1, 12), 1e-9);
  }

  @Test
  void pitchTuningOfNothingIsZeroAsInLibrosa() {
    assertEquals(0.0, Tuning.pitchTuning(new float[] {0f, -3f}, 2, 12));
    assertEquals(0.0, Tuning.pitchTuning(new float[0], 0, 12));
  }

  /**
   * Parabolic interpolation on Hann-windowed magnitudes is biased by up to a few hundredths of an
   * FFT bin, which near 440 Hz is a few cents; librosa has the same bias (-30 cents reads -32).
   */
  @Test
  void estimatesADetunedToneWithinFourCents() {
    for (double cents : new double[] {-30, 0, 17, 40}) {
      double hz = 440.0 * Math.pow(2.0, cents / 1200.0);
      double est = estimateTone(hz, 12);
      assertEquals(cents / 100.0, est, 0.04, "tone at " + cents + " cents");
    }
  }

  @Test
  void thirtySixBinsPerOctaveMeasuresInThirdsOfASemitone() {
    // A 36th of an octave is a third of a semitone, so the same interpolation bias weighs 3x.
    assertEquals(0.0, estimateTone(440.0, 36), 0.08);
    double hz = 440.0 * Math.pow(2.0, 0.3 / 36.0);
    assertEquals(0.3, estimateTone(hz, 36), 0.08);
    assertEquals(-0.3, estimateTone(440.0 * Math.pow(2.0, -0.3 / 36.0), 36), 0.08);
  }

  @Test
  void silenceHasNoPeaksAndZeroTuning() {
    float[] y = new float[SR];
    assertEquals(0.0, tuning.estimate(stft.forward(y), 12));
  }

  @Test
  void resultIsOnTheResolutionGridInsideHalfOpenRange() {
    java.util.Random r = new java.util.Random(3);
    float[] y = new float[SR * 2];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 311.1 * i / SR) + 0.05 * r.nextGaussian());
    }
    double est = tuning.estimate(stft.forward(y), 12);
    assertTrue(est >= -0.5 && est < 0.5, "range: " + est);
    assertEquals(Math.rint(est * 100), est * 100, 1e-9, "grid: " + est);
  }

  @Test
  void rejectsASpectrogramOfTheWrongShape() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tuning.estimate(new float[1000], 1, 12));
    assertTrue(e.getMessage().contains("1000"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tuning.estimate(new float[0], 0, 12));
    assertThrows(IllegalArgumentException.class, () -> tuning.estimate(null, 1, 12));
  }

  @Test
  void rejectsNegativeOrNonFiniteMagnitudes() {
    float[] s = new float[Stft.BINS * 2];
    s[Stft.BINS + 40] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tuning.estimate(s, 2, 12));
    assertTrue(e.getMessage().contains("frame 1, bin 40"), e.getMessage());
    s[Stft.BINS + 40] = -1f;
    assertThrows(IllegalArgumentException.class, () -> tuning.estimate(s, 2, 12));
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> tuning.estimate(new float[Stft.BINS], 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Tuning(0));
    assertThrows(IllegalArgumentException.class, () -> new Tuning(SR, 2047));
  }

  @Test
  void medianBySelectionEqualsTheSortedMedian() {
    java.util.Random r = new java.util.Random(9);
    for (int n = 1; n < 300; n += 7) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = r.nextInt(20) / 4f; // many ties
      }
      float[] sorted = v.clone();
      java.util.Arrays.sort(sorted);
      float expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2f;
      assertEquals(expected, Tuning.median(v, n), "n=" + n);
    }
  }

  @Test
  void histogramBinsAreHalfOpenExceptTheLastAsInNumpy() {
    for (int j = 0; j < 100; j++) {
      double edge = j * 0.01 + -0.5; // numpy.linspace(-0.5, 0.5, 101)[j]
      assertEquals(j, Tuning.histogramBin(edge), "edge " + j);
      if (j > 0) {
        assertEquals(j - 1, Tuning.histogramBin(Math.nextDown(edge)), "below edge " + j);
      }
    }
    assertEquals(99, Tuning.histogramBin(0.5));
    assertEquals(-1, Tuning.histogramBin(Math.nextUp(0.5)));
    assertEquals(-1, Tuning.histogramBin(Math.nextDown(-0.5)));
  }

  private double estimateTone(double hz, int binsPerOctave) {
    float[] y = new float[SR * 3];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / SR));
    }
    return tuning.estimate(stft.forward(y), binsPerOctave);
  }
}
