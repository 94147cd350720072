package dev.acpstream.core.acpnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random weights of a given architecture: an untrained ACP-Net, for tests and benchmarks
 * of everything around the model (artifacts, scoring, the live topology) that need no training.
 * Its scores carry no meaning; never publish one as a champion.
 */
public final class RandomWeights {

  private RandomWeights() {}

  public static AcpNetWeights of(AcpNetConfig c, long seed, boolean probes) {
    Random rng = new Random(seed);
    Mlp image = mlp(c.imageDim(), c.imageLayers(), true, rng);
    Mlp music = mlp(c.musicDim(), c.musicLayers(), true, rng);
    Mlp fusion = mlp(2 * c.embeddingDim(), c.fusionLayers(), false, rng);
    EmotionProbe mp = probes ? new EmotionProbe(List.of("negative", "neutral", "positive"),
        mlp(c.embeddingDim(), new int[] {16, 8, 3}, false, rng)) : null;
    EmotionProbe ip = probes ? new EmotionProbe(
        List.of("amusement", "awe", "contentment", "excitement", "anger", "disgust", "fear", "sadness"),
        mlp(c.embeddingDim(), new int[] {16, 8, 8}, false, rng)) : null;
    return new AcpNetWeights(c, norm(c.imageDim(), rng), norm(c.musicDim(), rng), image, music,
        fusion, mp, ip);
  }

  public static float[][] features(int n, int dim, long seed) {
    Random rng = new Random(seed);
    float[][] x = new float[n][dim];
    for (float[] r : x) {
      for (int i = 0; i < dim; i++) {
        r[i] = (float) rng.nextGaussian() * 2f + 1f;
      }
    }
    return x;
  }

  private static Standardizer norm(int d, Random rng) {
    float[] mean = new float[d];
    float[] std = new float[d];
    for (int i = 0; i < d; i++) {
      mean[i] = (float) rng.nextGaussian();
      std[i] = 0.5f + rng.nextFloat() * 2f;
    }
    return new Standardizer(mean, std);
  }

  private static Mlp mlp(int in, int[] widths, boolean reluOut, Random rng) {
    List<DenseLayer> layers = new ArrayList<>();
    int prev = in;
    for (int w : widths) {
      float[] weight = new float[w * prev];
      float scale = (float) Math.sqrt(2.0 / prev);
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (float) rng.nextGaussian() * scale;
      }
      float[] bias = new float[w];
      for (int i = 0; i < w; i++) {
        bias[i] = (float) rng.nextGaussian() * 0.1f;
      }
      layers.add(new DenseLayer(prev, w, weight, bias));
      prev = w;
    }
    return new Mlp(layers, reluOut);
  }
}
