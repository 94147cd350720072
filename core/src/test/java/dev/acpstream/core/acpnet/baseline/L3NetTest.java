package dev.acpstream.core.acpnet.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.acpstream.core.acpnet.TorchEngine;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.acpnet.TrainingReport;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The convolutional L3-Net: its shapes, that it learns, and that a seed fixes its training. */
class L3NetTest {

  private static final L3NetConfig TINY = new L3NetConfig(16, 16, 16, new int[] {8, 16}, 16);

  /** Images whose dominant colour is the class, plus noise and a random brightness. */
  static LabelledFeatures colourImages(int perClass, int side, long seed) {
    Random rng = new Random(seed);
    List<String> ids = new ArrayList<>();
    float[][] x = new float[3 * perClass][];
    int[] y = new int[3 * perClass];
    int plane = side * side;
    for (int k = 0; k < x.length; k++) {
      int c = k % 3;
      float level = 0.5f + 0.5f * rng.nextFloat();
      float[] v = new float[3 * plane];
      for (int i = 0; i < v.length; i++) {
        v[i] = (i / plane == c ? level : 0.2f) + 0.1f * (float) rng.nextGaussian();
      }
      x[k] = v;
      y[k] = c;
      ids.add("i" + k);
    }
    return new LabelledFeatures(ids, x, y, LabelledFeatures.EMOTION_CLASS_NAMES);
  }

  /** Log-spectrogram grids (band-major) with the energy in a third of the bands that is the class. */
  static LabelledFeatures bandSpectrograms(int perClass, int bands, int frames, long seed) {
    Random rng = new Random(seed);
    List<String> ids = new ArrayList<>();
    float[][] x = new float[3 * perClass][];
    int[] y = new int[3 * perClass];
    for (int k = 0; k < x.length; k++) {
      int c = k % 3;
      float[] v = new float[bands * frames];
      for (int b = 0; b < bands; b++) {
        boolean loud = b * 3 / bands == c;
        for (int t = 0; t < frames; t++) {
          v[b * frames + t] = (loud ? -2f : -10f) + (float) rng.nextGaussian();
        }
      }
      x[k] = v;
      y[k] = c;
      ids.add("m" + k);
    }
    return new LabelledFeatures(ids, x, y, LabelledFeatures.EMOTION_CLASS_NAMES);
  }

  private static TrainingOptions options(long seed, int epochs) {
    return new TrainingOptions(seed, epochs, epochs, 3e-3f, 16, 8, 16, false);
  }

  @Test
  void subnetworksEmbedImagesAndSpectrogramsAndTheFusionScoresEachPair() {
    L3NetConfig c = L3NetConfig.scaled();
    assertEquals(12288, c.imageDim());
    assertEquals(4096, c.spectrogramDim());
    assertEquals(LogMelSpectrogram.l3(22050).dim(), c.spectrogramDim());
    assertEquals(RawPixels.L3.dim(), c.imageDim());
    try (NDManager m = NDManager.newBaseManager(TorchEngine.get().defaultDevice(), TorchEngine.NAME)) {
      L3NetBlock block = new L3NetBlock(c);
      block.setInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
      Shape images = new Shape(3, 3, 64, 64);
      Shape spectrograms = new Shape(2, 1, 64, 64);
      block.initialize(m, DataType.FLOAT32, images, spectrograms, new Shape(5, 3), new Shape(5, 2));
      assertEquals(new Shape(3, 128), block.vision().getOutputShapes(new Shape[] {images})[0]);
      assertEquals(new Shape(2, 128), block.audio().getOutputShapes(new Shape[] {spectrograms})[0]);
      ParameterStore ps = new ParameterStore(m, false);
      NDList in = new NDList(m.randomNormal(images), m.randomNormal(spectrograms),
          m.eye(5, 3, 0, DataType.FLOAT32), m.eye(5, 2, 0, DataType.FLOAT32));
      assertEquals(new Shape(3, 128), block.vision().forward(ps, new NDList(in.get(0)), false).head().getShape());
      assertEquals(new Shape(2, 128), block.audio().forward(ps, new NDList(in.get(1)), false).head().getShape());
      assertEquals(new Shape(5, 2), block.forward(ps, in, false).head().getShape());
    }
  }

  @Test
  void learnsCorrespondenceOfColourAndBandWithinSeconds() {
    List<Double> val = new ArrayList<>();
    TrainingReport r = new L3NetTrainer().train(TINY, bandSpectrograms(20, 16, 16, 1),
        colourImages(20, 16, 2), false, options(5, 12), s -> val.add(s.validationAccuracy()));
    // chance is 0.5: pairs are sampled half true, half false
    assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy() + ", validation " + val);
    assertEquals(r.validationAccuracy(), val.get(r.bestEpoch() - 1));
  }

  @Test
  void sameSeedTrainsTheSameModel() {
    TrainingReport a = new L3NetTrainer().train(TINY, bandSpectrograms(10, 16, 16, 1),
        colourImages(10, 16, 2), false, options(9, 2), s -> {});
    TrainingReport b = new L3NetTrainer().train(TINY, bandSpectrograms(10, 16, 16, 1),
        colourImages(10, 16, 2), false, options(9, 2), s -> {});
    assertArrayEquals(a.epochs().stream().mapToDouble(e -> e.trainLoss()).toArray(),
        b.epochs().stream().mapToDouble(e -> e.trainLoss()).toArray());
    assertEquals(a.testAccuracy(), b.testAccuracy());
  }

  @Test
  void inputsOfTheWrongSizeAreRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new L3NetTrainer().train(TINY, bandSpectrograms(3, 8, 8, 1), colourImages(3, 16, 2),
            false, options(1, 1), s -> {}));
    assertTrue(e.getMessage().contains("64 values") && e.getMessage().contains("16 bands"), e.getMessage());
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> new L3NetConfig(8, 16, 16, new int[] {4, 8, 16, 32}, 16));
    assertTrue(small.getMessage().contains("at least 16 x 16"), small.getMessage());
  }
}
