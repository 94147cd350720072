package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.dataset.LabelledFeatures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcpNetTrainerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final LabelledFeatures music = TinyData.clusters("m", 20, 193, 1);
  private final LabelledFeatures images = TinyData.clusters("i", 20, 24, 2);

  @Test
  void learnsSeparableCorrespondenceToHighAccuracy() {
    List<EpochStats> seen = new ArrayList<>();
    TrainingResult r = new AcpNetTrainer(CLOCK).train(TinyData.smallConfig(24), music, images, null,
        true, TinyData.fastOptions(7, 20), s -> {
          seen.add(s);
          System.err.println(s.line());
        });
    assertTrue(r.report().testAccuracy() >= 0.9, "test accuracy " + r.report().testAccuracy());
    assertTrue(r.report().validationAccuracy() >= 0.9, "val accuracy " + r.report().validationAccuracy());
    assertEquals(seen.size(), r.report().epochs().size());
    assertTrue(seen.get(0).pairs() > 0 && seen.get(0).pairsPerSecond() > 0);
    // The probes see three well-separated classes through the embeddings.
    double probe = ((Number) r.report().metrics().get("music_probe_test_accuracy")).doubleValue();
    assertTrue(probe >= 0.8, "music probe accuracy " + probe);
    assertNotNull(r.artifact().weights().musicProbe());
    assertNotNull(r.artifact().weights().imageProbe());
    assertTrue(r.artifact().info().weaklyLabelledImages());
    assertTrue(r.report().metrics().containsKey("image_probe_weak_labels_test_accuracy"));
    assertEquals(CLOCK.instant(), r.artifact().info().createdAt());
  }

  @Test
  void sameSeedGivesTheSameModel() {
    TrainingOptions o = TinyData.fastOptions(11, 2).withProbes(false);
    AcpNetWeights a = new AcpNetTrainer(CLOCK).train(TinyData.smallConfig(24), music, images, null,
        true, o, s -> {}).artifact().weights();
    AcpNetWeights b = new AcpNetTrainer(CLOCK).train(TinyData.smallConfig(24), music, images, null,
        true, o, s -> {}).artifact().weights();
    for (int i = 0; i < a.fusion().layers().size(); i++) {
      assertArrayEquals(a.fusion().layers().get(i).weight(), b.fusion().layers().get(i).weight());
    }
    assertEquals(a.music().layers().get(0), b.music().layers().get(0));
    assertEquals(a.image().layers().get(1), b.image().layers().get(1));
  }

  @Test
  void rejectsFeaturesOfTheWrongWidth() {
    LabelledFeatures wrong = TinyData.clusters("i", 5, 10, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AcpNetTrainer(CLOCK).train(TinyData.smallConfig(24), music, wrong, null, true,
            TinyData.fastOptions(1, 1), s -> {}));
    assertTrue(e.getMessage().contains("10 dimensions"), e.getMessage());
  }
}
