package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralContrastTest {

  private static final int SR = 22050;
  private final Stft stft = new Stft();
  private final SpectralContrast contrast = new SpectralContrast(SR);

  @Test
  void aToneStandsOutOfItsBandWhileWhiteNoiseIsFlat() {
    Random r = new Random(11);
    float[] noise = new float[SR * 2];
    float[] toneInNoise = new float[SR * 2];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * r.nextGaussian());
      toneInNoise[i] = noise[i] + (float) (0.5 * Math.sin(2 * Math.PI * 600 * i / SR));
    }
    float[] flat = mean(noise);
    float[] peaked = mean(toneInNoise);
    // 600 Hz lies in the 400-800 Hz band (value index 2).
    assertTrue(peaked[2] > flat[2] + 10, "tone band: " + peaked[2] + " vs noise " + flat[2]);
    for (float v : flat) {
      // Rayleigh-distributed magnitudes: top 2 % over bottom 2 % is some 20-40 dB, never huge.
      assertTrue(v > 5 && v < 60, "white noise contrast " + v);
    }
  }

  @Test
  void matchesAHandComputedFrameWithLibrosasBandEdges() {
    // One frame, magnitude = bin index + 1: the lowest band is bins [0, 18) (0-183 Hz, top bin of
    // [0, 200] dropped), quantile count max(rint(0.02 * 19), 1) = 1 -> peak 18, valley 1.
    float[] s = new float[Stft.BINS];
    for (int k = 0; k < s.length; k++) {
      s[k] = k + 1;
    }
    float[] c = contrast.meanContrast(s, 1);
    assertEquals(10 * Math.log10(18.0) - 10 * Math.log10(1.0), c[0], 1e-4);
    // Band 1 (200-400 Hz) starts one bin below 200 Hz (bin 18) and drops its top bin: [18, 37).
    assertEquals(10 * Math.log10(37.0) - 10 * Math.log10(19.0), c[1], 1e-4);
    // The last band (6400 Hz - Nyquist) runs from bin 594 to 1024: 431 bins -> 9 each side.
    double peak = 0;
    double valley = 0;
    for (int i = 0; i < 9; i++) {
      peak += 1025 - i;
      valley += 595 + i;
    }
    assertEquals(10 * Math.log10(peak / 9) - 10 * Math.log10(valley / 9), c[6], 1e-4);
  }

  @Test
  void quantileMeansEqualThoseOfAFullSortOnRandomAndSlopedSpectra() {
    Random r = new Random(4);
    int frames = 6;
    float[] s = new float[frames * Stft.BINS];
    for (int t = 0; t < frames; t++) {
      for (int k = 0; k < Stft.BINS; k++) {
        double v = r.nextDouble();
        // Frames 0-1 random, 2-3 falling, 4-5 rising, some with ties.
        s[t * Stft.BINS + k] = (float) (t < 2 ? v : t < 4 ? 1000.0 / (k + 1) : k + (t == 5 ? 0 : v));
      }
    }
    assertMatchesFullSort(s, frames);
  }

  @Test
  void quantileMeansEqualThoseOfAFullSortWithTiesZerosAndSpikes() {
    Random r = new Random(9);
    int frames = 8;
    float[] s = new float[frames * Stft.BINS];
    for (int t = 0; t < frames; t++) {
      for (int k = 0; k < Stft.BINS; k++) {
        int i = t * Stft.BINS + k;
        s[i] = switch (t) {
          case 0 -> 0f; // all zero next to non-silent frames
          case 1 -> 3f; // one value everywhere: every candidate ties
          case 2 -> r.nextInt(4); // few distinct values, many ties and zeros
          case 3 -> k % 37 == 0 ? 1e6f : 1f; // isolated spikes above a flat floor
          case 4 -> k % 2 == 0 ? 0f : -0f; // signed zeros are valid magnitudes
          case 5 -> (float) (r.nextDouble() * Math.pow(10, r.nextInt(30) - 15)); // wide range
          case 6 -> Stft.BINS - k; // strictly falling: each band's maxima come first
          default -> k; // strictly rising: each band's maxima come last
        };
      }
    }
    assertMatchesFullSort(s, frames);
  }

  @Test
  void everyInvalidValueIsRejectedWhereverItSitsInItsBand() {
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f, -Float.MIN_VALUE};
    Random r = new Random(5);
    // First bin of a band, inside the first q of the last band, mid-band, a band's last bin.
    for (int k : new int[] {0, 17, 18, 300, 594, 598, 700, 1024}) {
      for (float v : bad) {
        for (boolean flat : new boolean[] {true, false}) {
          float[] s = new float[2 * Stft.BINS];
          for (int i = 0; i < s.length; i++) {
            s[i] = flat ? 0.5f : r.nextFloat();
          }
          int at = Stft.BINS + k;
          s[at] = v;
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> contrast.meanContrast(s, 2));
          assertEquals("magnitude spectrogram holds " + v + " at index " + at, e.getMessage());
        }
      }
    }
    float[] two = new float[Stft.BINS];
    two[400] = -2f;
    two[900] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> contrast.meanContrast(two, 1));
    assertEquals("magnitude spectrogram holds -2.0 at index 400", e.getMessage());
  }

  /** librosa's definition computed the plain way: sort every band of every frame. */
  private void assertMatchesFullSort(float[] s, int frames) {
    float[] got = contrast.meanContrast(s, frames);
    // librosa's edges at 22050 Hz: one bin below each lower edge, top bin dropped but in the last.
    int[][] bands = {{0, 18}, {18, 37}, {37, 74}, {74, 148}, {148, 297}, {297, 594}, {594, 1025}};
    int[] take = {1, 1, 1, 2, 3, 6, 9};
    double[] peak = new double[frames * 7];
    double[] valley = new double[frames * 7];
    double pMax = -1e300;
    double vMax = -1e300;
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b < 7; b++) {
        float[] band = java.util.Arrays.copyOfRange(s, t * Stft.BINS + bands[b][0],
            t * Stft.BINS + bands[b][1]);
        java.util.Arrays.sort(band);
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < take[b]; i++) {
          lo += band[i];
          hi += band[band.length - 1 - i];
        }
        peak[t * 7 + b] = 10 * Math.log10(Math.max(1e-10, hi / take[b]));
        valley[t * 7 + b] = 10 * Math.log10(Math.max(1e-10, lo / take[b]));
        pMax = Math.max(pMax, peak[t * 7 + b]);
        vMax = Math.max(vMax, valley[t * 7 + b]);
      }
    }
    for (int b = 0; b < 7; b++) {
      double sum = 0;
      for (int t = 0; t < frames; t++) {
        sum += Math.max(peak[t * 7 + b], pMax - 80) - Math.max(valley[t * 7 + b], vMax - 80);
      }
      assertEquals(sum / frames, got[b], 1e-4, "band " + b);
    }
  }

  @Test
  void silenceIsFiniteAndZero() {
    float[] c = mean(new float[SR]);
    for (float v : c) {
      assertEquals(0f, v, 0f);
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> contrast.meanContrast(new float[7], 1));
    float[] s = new float[Stft.BINS];
    s[700] = Float.POSITIVE_INFINITY;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> contrast.meanContrast(s, 1));
    assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    // The last band's lower edge, 200 Hz x 2^5 = 6.4 kHz, must lie below Nyquist (6 kHz here).
    assertThrows(IllegalArgumentException.class, () -> new SpectralContrast(12000));
    // At n_fft 64 (344 Hz bins) the 0-200 Hz band holds bin 0 only, and librosa drops it.
    IllegalArgumentException coarse =
        assertThrows(IllegalArgumentException.class, () -> new SpectralContrast(SR, 64));
    assertTrue(coarse.getMessage().contains("band 0"), coarse.getMessage());
  }

  private float[] mean(float[] y) {
    Stft.Spectrogram spec = stft.forward(y);
    return contrast.meanContrast(spec.magnitude(), spec.frames());
  }
}
