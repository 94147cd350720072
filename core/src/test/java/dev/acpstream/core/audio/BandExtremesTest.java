package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BandExtremesTest {

  private static final int[][] BANDS = {{0, 18}, {18, 37}, {37, 74}, {74, 148}, {148, 297},
      {297, 594}, {594, 1025}};
  private static final int[] TAKE = {1, 1, 1, 2, 3, 6, 9};
  private static final int BINS = 1025;

  @Test
  void equalsAFullSortFrameAfterFrameWhateverTheGuessesFromThePreviousFrame() {
    Random r = new Random(21);
    BandExtremes extremes = new BandExtremes(BANDS.length, 431, 9);
    float[] s = new float[BINS];
    for (int t = 0; t < 400; t++) {
      // Loudness jumps up and down by up to 1e6 between frames, so guesses are often too high
      // or far too low; every few frames a special shape.
      double gain = Math.pow(10, r.nextInt(13) - 6);
      for (int k = 0; k < BINS; k++) {
        s[k] = switch (t % 7) {
          case 0 -> 0f;
          case 1 -> (float) gain;
          case 2 -> (float) (gain * r.nextInt(3));
          case 3 -> k % 2 == 0 ? 0f : -0f;
          default -> (float) (gain * r.nextDouble() / (1 + k / 100.0));
        };
      }
      for (int b = 0; b < BANDS.length; b++) {
        int q = TAKE[b];
        extremes.find(s, BANDS[b][0], BANDS[b][1], b, q);
        float[] sorted = Arrays.copyOfRange(s, BANDS[b][0], BANDS[b][1]);
        Arrays.sort(sorted);
        float[] lowest = Arrays.copyOf(sorted, q);
        float[] highest = new float[q];
        for (int i = 0; i < q; i++) {
          highest[i] = sorted[sorted.length - 1 - i];
        }
        String where = "frame " + t + " band " + b;
        // Signed zeros compare equal but sort apart; compare values, not bit patterns.
        assertArrayEquals(plus0(lowest), plus0(Arrays.copyOf(extremes.low(), q)), where);
        assertArrayEquals(plus0(highest), plus0(Arrays.copyOf(extremes.high(), q)), where);
      }
    }
  }

  @Test
  void rejectsTheFirstInvalidValueOfTheBandEvenWhenAGuessWouldSkipIt() {
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -3f};
    for (float v : bad) {
      for (int at : new int[] {594, 600, 700, 1024}) {
        BandExtremes extremes = new BandExtremes(BANDS.length, 431, 9);
        float[] s = new float[BINS];
        // A first frame that sets the guesses around 1, then the bad value amid values near 1.
        Arrays.fill(s, 1f);
        extremes.find(s, 594, 1025, 6, 9);
        s[at] = v;
        if (at + 1 < BINS) {
          s[at + 1] = Float.NaN; // a later bad value must not be the one reported
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> extremes.find(s, 594, 1025, 6, 9));
        assertEquals("magnitude spectrogram holds " + v + " at index " + at, e.getMessage());
      }
    }
  }

  @Test
  void rejectsTheFirstInvalidValueOfASingleQuantileBand() {
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -3f};
    for (float v : bad) {
      for (int at : new int[] {18, 25, 36}) {
        BandExtremes extremes = new BandExtremes(BANDS.length, 431, 9);
        float[] s = new float[BINS];
        Arrays.fill(s, 1f);
        s[at] = v;
        if (at + 1 < 37) {
          s[at + 1] = Float.NaN;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> extremes.find(s, 18, 37, 1, 1));
        assertEquals("magnitude spectrogram holds " + v + " at index " + at, e.getMessage());
      }
    }
  }

  private static float[] plus0(float[] a) {
    float[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += 0f;
    }
    return out;
  }
}
