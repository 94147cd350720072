package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcpNetModelTest {

  private final AcpNetModel model = new AcpNetModel(RandomWeights.of(AcpNetArtifactTest.CONFIG, 9, true));

  @Test
  void embeddingsHaveThePapersShapesAndCarryTheProbeEmotion() {
    ItemEmbedding m = model.embedMusic(RandomWeights.features(1, 193, 1)[0]);
    ItemEmbedding i = model.embedImage(RandomWeights.features(1, 20, 2)[0]);
    assertEquals(32, m.embedding().length);
    assertEquals(24, m.fusionPartial().length);
    assertEquals(ItemEmbedding.Modality.MUSIC, m.modality());
    assertEquals(3, m.emotion().probabilities().length);
    assertEquals(8, i.emotion().probabilities().length);
    float sum = 0;
    for (float p : i.emotion().probabilities()) {
      sum += p;
    }
    assertEquals(1f, sum, 1e-5);
    for (float v : m.embedding()) {
      assertTrue(v >= 0f, "embeddings are post-ReLU");
    }
  }

  @Test
  void fusionOnlyScoringEqualsTheFullForwardPass() {
    float[] img = RandomWeights.features(1, 20, 3)[0];
    float[] mus = RandomWeights.features(1, 193, 4)[0];
    AcpNetWeights w = model.weights();
    float[] ei = w.image().forward(w.imageNorm().apply(img));
    float[] em = w.music().forward(w.musicNorm().apply(mus));
    float[] concat = new float[ei.length + em.length];
    System.arraycopy(ei, 0, concat, 0, ei.length);
    System.arraycopy(em, 0, concat, ei.length, em.length);
    float[] logits = w.fusion().forward(concat);
    float expected = Softmax.trueProbability(logits[0], logits[1]);
    assertEquals(expected, model.score(model.embedImage(img), model.embedMusic(mus)), 1e-5);
  }

  @Test
  void batchedScoringAgreesWithOneByOneAcrossBlocks() {
    List<ItemEmbedding> imgs = model.embedImages(RandomWeights.features(700, 20, 5));
    List<ItemEmbedding> mus = model.embedMusics(RandomWeights.features(700, 193, 6));
    float[] batch = model.scorePairs(imgs, mus);
    assertEquals(700, batch.length);
    for (int k : new int[] {0, 255, 256, 699}) {
      assertEquals(model.score(imgs.get(k), mus.get(k)), batch[k], 1e-6);
    }
    float[] against = model.scoreAgainst(imgs.get(3), mus);
    List<ItemEmbedding> same = new ArrayList<>(Collections.nCopies(700, imgs.get(3)));
    assertArrayEquals(model.scorePairs(same, mus), against);
    AcpNetModel.Explanation ex = model.explain(imgs.get(0), mus.get(0));
    assertEquals(batch[0], ex.trueProbability(), 1e-6);
    assertEquals(imgs.get(0).emotion(), ex.imageEmotion());
  }

  @Test
  void badInputsNameTheProblem() {
    IllegalArgumentException wrongDim = assertThrows(IllegalArgumentException.class,
        () -> model.embedMusic(new float[192]));
    assertTrue(wrongDim.getMessage().contains("192 features; this model expects 193"), wrongDim.getMessage());
    float[] nan = new float[193];
    nan[7] = Float.NaN;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> model.embedMusic(nan))
        .getMessage().contains("non-finite"));
    ItemEmbedding m = model.embedMusic(new float[193]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> model.score(m, m))
        .getMessage().contains("expected a IMAGE embedding"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> model.scorePairs(List.of(), List.of(m))).getMessage().contains("0 images but 1"));
  }

  @Test
  void configRejectsImpossibleArchitectures() {
    assertThrows(IllegalArgumentException.class, () -> new AcpNetConfig("a", 10, 193,
        new int[] {8}, new int[] {16}, new int[] {4, 2}, 0.4f));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new AcpNetConfig("a", 10, 193,
        new int[] {8}, new int[] {8}, new int[] {4, 3}, 0.4f)).getMessage().contains("2 classes"));
    AcpNetConfig paper = AcpNetConfig.paper("inception-v3", 2048);
    assertEquals(1024, paper.embeddingDim());
    assertEquals(2, paper.imageLayers().length);
    assertEquals(4, paper.musicLayers().length);
    assertEquals(4, paper.fusionLayers().length);
  }
}
