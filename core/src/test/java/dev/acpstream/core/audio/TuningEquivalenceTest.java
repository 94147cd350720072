package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The speed round's {@link Tuning} (per-frame band magnitudes, branch-free peak scan, bit-pattern
 * maxima) against the straightforward implementation before it, kept as {@link TuningBaseline}:
 * a tuning one 0.01 step off moves tonnetz by up to 9e-3, so the estimates must be identical on
 * every input, ties, silence and gate-edge values included.
 */
class TuningEquivalenceTest {

  private static final int SR = 22050;
  private static final int BINS = Stft.BINS;
  private final Tuning tuning = new Tuning(SR);
  private final TuningBaseline reference = new TuningBaseline(SR);

  @Test
  void sameEstimateOnRandomAndStructuredMagnitudes() {
    Random r = new Random(42);
    int checked = 0;
    for (int trial = 0; trial < 300; trial++) {
      int frames = 1 + r.nextInt(40);
      float[] s = magnitudes(r, frames, trial % 10);
      for (int bpo : new int[] {12, 36}) {
        assertEquals(reference.estimate(s.clone(), frames, bpo), tuning.estimate(s, frames, bpo),
            "trial " + trial + " kind " + trial % 10 + " bpo " + bpo);
        checked++;
      }
    }
    assertEquals(600, checked);
  }

  @Test
  void sameEstimateOnRandomAndStructuredComplexSpectrograms() {
    Random r = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int frames = 1 + r.nextInt(40);
      float[] mag = magnitudes(r, frames, trial % 10);
      float[] re = new float[mag.length];
      float[] im = new float[mag.length];
      for (int i = 0; i < mag.length; i++) {
        // Split each magnitude over re and im at a random angle, sometimes all on one part.
        double angle = trial % 3 == 0 ? 0 : r.nextDouble() * 2 * Math.PI;
        re[i] = (float) (mag[i] * Math.cos(angle));
        im[i] = (float) (mag[i] * Math.sin(angle));
      }
      Stft.Spectrogram spec = new Stft.Spectrogram(frames, re, im);
      for (int bpo : new int[] {12, 36}) {
        double expected = reference.estimate(spec, bpo);
        assertEquals(expected, tuning.estimate(spec, bpo), "trial " + trial + " bpo " + bpo);
        assertEquals(expected, tuning.estimate(spec.magnitude(), frames, bpo),
            "magnitude form, trial " + trial);
      }
    }
  }

  @Test
  void sameEstimateOnRealSpectrogramsOfTonesAndNoise() {
    Stft stft = new Stft();
    Random r = new Random(5);
    for (int trial = 0; trial < 12; trial++) {
      float[] y = new float[SR * 2];
      double hz = 150 + r.nextDouble() * 2000;
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) (0.4 * Math.sin(2 * Math.PI * hz * i / SR)
            + 0.2 * Math.sin(2 * Math.PI * hz * 1.5 * i / SR) + 0.02 * trial * r.nextGaussian());
      }
      Stft.Spectrogram spec = stft.forward(y);
      for (int bpo : new int[] {12, 36}) {
        assertEquals(reference.estimate(spec, bpo), tuning.estimate(spec, bpo), "trial " + trial);
        assertEquals(reference.estimate(spec.magnitude(), spec.frames(), bpo),
            tuning.estimate(spec.magnitude(), spec.frames(), bpo), "magnitude, trial " + trial);
      }
    }
  }

  @Test
  void negativeZeroMagnitudesAreAcceptedAndReadAsZero() {
    float[] s = magnitudes(new Random(3), 5, 1);
    for (int i = 0; i < s.length; i += 3) {
      if (s[i] == 0f) {
        s[i] = -0f;
      }
    }
    s[2 * BINS + 100] = -0f;
    assertEquals(reference.estimate(s.clone(), 5, 12), tuning.estimate(s, 5, 12));
  }

  @Test
  void nonFiniteComplexValuesAreRejectedNamingTheFirstFrameAndBin() {
    int frames = 4;
    float[] re = new float[frames * BINS];
    float[] im = new float[frames * BINS];
    re[2 * BINS + 700] = Float.NaN; // outside the 150 Hz - 4 kHz band: still checked
    im[3 * BINS + 5] = Float.POSITIVE_INFINITY;
    Stft.Spectrogram spec = new Stft.Spectrogram(frames, re, im);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tuning.estimate(spec, 12));
    assertTrue(e.getMessage().contains("frame 2, bin 700"), e.getMessage());
    re[2 * BINS + 700] = 0f;
    e = assertThrows(IllegalArgumentException.class, () -> tuning.estimate(spec, 36));
    assertTrue(e.getMessage().contains("frame 3, bin 5"), e.getMessage());
    im[3 * BINS + 5] = Float.NEGATIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> tuning.estimate(spec, 36));
    assertTrue(e.getMessage().contains("frame 3, bin 5"), e.getMessage());
  }

  @Test
  void badMagnitudesAreRejectedNamingTheFirstFrameAndBin() {
    float[] s = magnitudes(new Random(1), 3, 0);
    s[BINS + 1024] = Float.POSITIVE_INFINITY;
    s[2 * BINS + 3] = -2f;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tuning.estimate(s, 3, 12));
    assertTrue(e.getMessage().contains("Infinity at frame 1, bin 1024"), e.getMessage());
    s[BINS + 1024] = 1f;
    e = assertThrows(IllegalArgumentException.class, () -> tuning.estimate(s, 3, 12));
    assertTrue(e.getMessage().contains("-2.0 at frame 2, bin 3"), e.getMessage());
    s[2 * BINS + 3] = -Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> tuning.estimate(s, 3, 12));
    assertTrue(e.getMessage().contains("NaN at frame 2, bin 3"), e.getMessage());
  }

  /**
   * Frame-major magnitudes of one of ten kinds: heavy ties on a coarse grid, silence, plateaus,
   * values exactly at the 0.1 x max gate, isolated peaks, smooth random, and mixtures per frame.
   */
  private static float[] magnitudes(Random r, int frames, int kind) {
    float[] s = new float[frames * BINS];
    for (int t = 0; t < frames; t++) {
      int o = t * BINS;
      int k = kind == 9 ? r.nextInt(9) : kind;
      for (int b = 0; b < BINS; b++) {
        s[o + b] = switch (k) {
          case 0 -> (float) Math.abs(r.nextGaussian());
          case 1 -> r.nextInt(5) / 4f; // ties everywhere
          case 2 -> 0f; // silent frame
          case 3 -> (b / 3) % 2 == 0 ? 1f : 0.5f; // plateaus of three
          case 4 -> r.nextInt(3) == 0 ? 0.1f : r.nextInt(2) == 0 ? 1f : 0f; // at the gate
          case 5 -> b % 37 == 0 ? 10f + r.nextInt(3) : 0.01f * r.nextInt(3); // sparse peaks
          case 6 -> (float) Math.abs(1 + Math.sin(b * 0.07 + t) + 0.001 * r.nextGaussian());
          case 7 -> r.nextInt(4) == 0 ? (float) r.nextDouble() * 1e-30f : 0f; // tiny, subnormal
          default -> (float) Math.exp(4 * r.nextGaussian()); // wide dynamic range
        };
      }
    }
    return s;
  }
}
