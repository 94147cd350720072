package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java scorer computes what the DJL training block computes, shapes included. */
class AcpNetBlockParityTest {

  @Test
  void plainJavaScoringMatchesTheTrainingBlock() {
    AcpNetConfig config = TinyData.smallConfig(12);
    TorchEngine.get();
    try (Model model = Model.newInstance("parity", TorchEngine.get().defaultDevice(), TorchEngine.NAME);
        NDManager m = model.getNDManager().newSubManager()) {
      AcpNetBlock block = new AcpNetBlock(config);
      model.setBlock(block);
      block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(3, 12), new Shape(2, 193),
          new Shape(6, 3), new Shape(6, 2));
      Random rng = new Random(5);
      float[][] img = new float[3][12];
      float[][] mus = new float[2][193];
      for (float[] r : img) {
        for (int i = 0; i < r.length; i++) {
          r[i] = (float) rng.nextGaussian();
        }
      }
      for (float[] r : mus) {
        for (int i = 0; i < r.length; i++) {
          r[i] = (float) rng.nextGaussian();
        }
      }
      int[] pi = {0, 1, 2, 0, 1, 2};
      int[] pm = {0, 0, 0, 1, 1, 1};
      float[] selI = new float[6 * 3];
      float[] selM = new float[6 * 2];
      for (int p = 0; p < 6; p++) {
        selI[p * 3 + pi[p]] = 1;
        selM[p * 2 + pm[p]] = 1;
      }
      NDList out = block.forward(new ParameterStore(m, false), new NDList(
          m.create(ClassifierTrainer.rows(img, new int[] {0, 1, 2}, 0, 3), new Shape(3, 12)),
          m.create(ClassifierTrainer.rows(mus, new int[] {0, 1}, 0, 2), new Shape(2, 193)),
          m.create(selI, new Shape(6, 3)), m.create(selM, new Shape(6, 2))), false);
      NDArray logits = out.singletonOrThrow();
      assertEquals(new Shape(6, 2), logits.getShape());
      float[] l = logits.toFloatArray();

      float[] zeroI = new float[12];
      float[] oneI = new float[12];
      Arrays.fill(oneI, 1f);
      float[] zeroM = new float[193];
      float[] oneM = new float[193];
      Arrays.fill(oneM, 1f);
      AcpNetWeights w = new AcpNetWeights(config, new Standardizer(zeroI, oneI),
          new Standardizer(zeroM, oneM), block.imageWeights(), block.musicWeights(),
          block.fusionWeights(), null, null);
      AcpNetModel scorer = new AcpNetModel(w);
      List<ItemEmbedding> ie = scorer.embedImages(img);
      List<ItemEmbedding> me = scorer.embedMusics(mus);
      assertEquals(32, ie.get(0).embedding().length);
      List<ItemEmbedding> a = new ArrayList<>();
      List<ItemEmbedding> b = new ArrayList<>();
      for (int p = 0; p < 6; p++) {
        a.add(ie.get(pi[p]));
        b.add(me.get(pm[p]));
      }
      float[] s = scorer.scorePairs(a, b);
      for (int p = 0; p < 6; p++) {
        float expected = Softmax.trueProbability(l[2 * p], l[2 * p + 1]);
        assertEquals(expected, s[p], 1e-5, "pair " + p);
      }
    }
  }
}
