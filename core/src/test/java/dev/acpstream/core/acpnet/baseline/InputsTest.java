package dev.acpstream.core.acpnet.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.core.dataset.ValdezMehrabianWeakLabels;
import dev.acpstream.core.image.AffectDescriptor;
import dev.acpstream.core.image.DecodedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baselines' input representations and the weak image labels. */
class InputsTest {

  private static float[] tone(double hz, double seconds) {
    float[] y = new float[(int) (22050 * seconds)];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 22050));
    }
    return y;
  }

  private static int loudestBand(LogMelSpectrogram s, float[] grid) {
    int best = 0;
    for (int b = 0; b < s.bands(); b++) {
      if (grid[b * s.timeCells()] > grid[best * s.timeCells()]) {
        best = b;
      }
    }
    return best;
  }

  @Test
  void l3SpectrogramUsesA100msWindowAnd25msHop() {
    LogMelSpectrogram s = LogMelSpectrogram.l3(22050);
    assertEquals(2205, s.windowSamples());
    assertEquals(551, s.hopSamples());
    assertEquals(4096, s.fftSize());
    assertEquals(64 * 64, s.dim());
    assertTrue(s.describe().contains("window 100.0 ms"), s.describe());
  }

  @Test
  void aHigherToneLightsAHigherMelBand() {
    for (LogMelSpectrogram s : List.of(LogMelSpectrogram.l3(22050), LogMelSpectrogram.spectrogramAcp(22050))) {
      float[] low = s.pooled(tone(220, 2));
      float[] high = s.pooled(tone(3520, 2));
      assertEquals(s.dim(), low.length);
      assertTrue(loudestBand(s, high) > loudestBand(s, low) + 3,
          loudestBand(s, low) + " vs " + loudestBand(s, high));
    }
  }

  @Test
  void soundThenSilenceShowsInTheTimeCells() {
    LogMelSpectrogram s = LogMelSpectrogram.l3(22050);
    float[] y = new float[22050 * 2];
    System.arraycopy(tone(440, 1), 0, y, 0, 22050);
    float[] g = s.pooled(y);
    int band = loudestBand(s, g);
    assertTrue(g[band * s.timeCells()] > g[band * s.timeCells() + s.timeCells() - 1] + 5);
  }

  @Test
  void noSamplesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> LogMelSpectrogram.l3(22050).pooled(new float[0]));
  }

  @Test
  void rawPixelsAverageTheImageDownToTheGrid() {
    int[] rgb = new int[4 * 4];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        rgb[y * 4 + x] = x < 2 ? 0xff0000 : 0x0000ff;
      }
    }
    float[] v = new RawPixels(2).features(new DecodedImage("t", 4, 4, rgb));
    // channel-major: red plane, green plane, blue plane; left column red, right column blue
    assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1}, v, 1e-6f);
    assertEquals(3 * 64 * 64, RawPixels.L3.dim());
  }

  @Test
  void weakLabelsRankPhotosByPleasureInThirds() {
    int p = AffectDescriptor.offset("pleasure_arousal_dominance");
    float[][] affect = new float[6][AffectDescriptor.DIM];
    float[] pleasure = {0.9f, 0.1f, 0.5f, 0.2f, 0.8f, 0.6f};
    for (int i = 0; i < 6; i++) {
      affect[i][p] = pleasure[i];
    }
    int[] labels = ValdezMehrabianWeakLabels.classify(List.of("a", "b", "c", "d", "e", "f"), affect);
    int neg = EmotionClass.NEGATIVE.ordinal();
    int neu = EmotionClass.NEUTRAL.ordinal();
    int pos = EmotionClass.POSITIVE.ordinal();
    assertArrayEquals(new int[] {pos, neg, neu, neg, pos, neu}, labels);
    assertEquals("weak (Valdez-Mehrabian rule)", ValdezMehrabianWeakLabels.MARK);
  }

  @Test
  void weakLabelsNeedTheAffectDescriptor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ValdezMehrabianWeakLabels.classify(List.of("a"), new float[][] {new float[10]}));
    assertTrue(e.getMessage().contains("affect"), e.getMessage());
  }
}
