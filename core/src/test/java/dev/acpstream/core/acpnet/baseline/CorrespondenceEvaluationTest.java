package dev.acpstream.core.acpnet.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.TinyData;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrespondenceEvaluationTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyModelLearnsASeparableTaskWellAboveChance() {
    CorrespondenceEvaluation.Inputs in = new CorrespondenceEvaluation.Inputs(
        TinyData.clusters("m", 20, 193, 1), TinyData.clusters("m", 20, 256, 2),
        TinyData.clusters("m", 20, 16 * 16, 3),
        TinyData.clusters("i", 20, 42, 4), "affect", L3NetTest.colourImages(20, 16, 5), "raw-rgb-16");
    // the paper's widths train too slowly for a unit test on two shared cores: same layer counts, narrower
    CorrespondenceEvaluation.Models narrow = new CorrespondenceEvaluation.Models(
        new AcpNetConfig("affect", 42, 193, new int[] {64, 32}, new int[] {64, 64, 32, 32},
            new int[] {64, 32, 16, 2}, 0.1f),
        new AcpNetConfig("affect", 42, 256, new int[] {64, 32}, new int[] {64, 64, 32, 32},
            new int[] {64, 32, 16, 2}, 0.1f),
        new L3NetConfig(16, 16, 16, new int[] {8, 16}, 16));
    List<String> epochs = new ArrayList<>();
    List<CorrespondenceEvaluation.ModelResult> r = new CorrespondenceEvaluation(CLOCK).run(in, narrow, false,
        new TrainingOptions(3, 15, 15, 1e-3f, 16, 8, 16, false), (m, s) -> epochs.add(m));
    assertEquals(List.of("ACP-Net", "Spectrogram-ACP", "L3-Net"),
        r.stream().map(CorrespondenceEvaluation.ModelResult::model).toList());
    for (CorrespondenceEvaluation.ModelResult m : r) {
      // chance is 0.5: pairs are sampled half true, half false
      assertTrue(m.testAccuracy() >= 0.85, m.model() + " test accuracy " + m.testAccuracy());
      assertTrue(epochs.contains(m.model()));
    }
    assertTrue(r.get(2).architecture().contains("conv blocks [8, 16]"), r.get(2).architecture());
    assertTrue(r.get(2).imageInput().contains("raw-rgb-16"), r.get(2).imageInput());
  }

  @Test
  void thePaperArchitecturesDifferOnlyWhereTheBaselinesSay() {
    CorrespondenceEvaluation.Inputs in = new CorrespondenceEvaluation.Inputs(
        TinyData.clusters("m", 2, 193, 1), TinyData.clusters("m", 2, 256, 2), TinyData.clusters("m", 2, 256, 3),
        TinyData.clusters("i", 2, 42, 4), "affect", TinyData.clusters("i", 2, 12288, 5), "raw-rgb-64");
    CorrespondenceEvaluation.Models m = CorrespondenceEvaluation.Models.paper(in);
    AcpNetConfig acp = m.acpNet();
    AcpNetConfig spec = m.spectrogramAcp();
    assertEquals(193, acp.musicDim());
    assertEquals(256, spec.musicDim());
    assertArrayEquals(acp.musicLayers(), spec.musicLayers());
    assertArrayEquals(acp.imageLayers(), spec.imageLayers());
    assertArrayEquals(acp.fusionLayers(), spec.fusionLayers());
    assertEquals(acp.imageDim(), spec.imageDim());
    L3NetConfig l3 = m.l3Net();
    assertEquals(12288, l3.imageDim());
    assertEquals(4096, l3.spectrogramDim());
    assertArrayEquals(new int[] {16, 32, 64, 128}, l3.widths());
    assertEquals(128, l3.fusionHidden());
    assertEquals(128, l3.embeddingDim());
  }

  @Test
  void modelsMustSeeTheSameItems() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CorrespondenceEvaluation.Inputs(TinyData.clusters("m", 5, 193, 1), TinyData.clusters("x", 5, 256, 2),
            TinyData.clusters("m", 5, 256, 3), TinyData.clusters("i", 5, 42, 4), "affect", TinyData.clusters("i", 5, 12, 5), "raw"));
    assertTrue(e.getMessage().contains("same music items"), e.getMessage());
  }
}
