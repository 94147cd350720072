package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairSamplerTest {

  private static final TrainingOptions OPTIONS = TrainingOptions.paper(1);

  @Test
  void halfThePairsAreTrueAndLabelsFollowTheClasses() {
    int[] music = new int[100];
    int[] images = new int[60];
    for (int i = 0; i < music.length; i++) {
      music[i] = i % 3;
    }
    for (int i = 0; i < images.length; i++) {
      images[i] = (i / 7) % 3;
    }
    List<PairBatch> epoch = new PairSampler(music, images, 3, OPTIONS).epoch(new Random(2));
    assertEquals(4, epoch.size());
    int pairs = 0;
    int positives = 0;
    int anchors = 0;
    for (PairBatch b : epoch) {
      anchors += b.music().length;
      for (int p = 0; p < b.pairs(); p++) {
        int mc = music[b.music()[b.pairMusic()[p]]];
        int ic = images[b.images()[b.pairImage()[p]]];
        assertEquals(mc == ic ? 1 : 0, b.labels()[p], "pair " + p);
        positives += b.labels()[p];
        pairs++;
      }
      assertEquals(3 * OPTIONS.imagesPerClass(), b.images().length);
    }
    assertEquals(100, anchors, "every music item anchors once per epoch");
    assertEquals(100 * OPTIONS.pairsPerItem(), pairs);
    assertEquals(pairs / 2, positives);
  }

  @Test
  void refusesDataThatCannotFormTruePairs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PairSampler(new int[] {0, 2}, new int[] {0, 1}, 3, OPTIONS));
    assertTrue(e.getMessage().contains("music class 2 has no image"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new PairSampler(new int[] {0}, new int[] {0, 0}, 3, OPTIONS));
  }
}
