package dev.acpstream.core.acpnet;

import dev.acpstream.core.dataset.LabelledFeatures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of ACP-Net at the paper's sizes: training pairs/s (DJL PyTorch), embedding items/s
 * and fusion-only scoring pairs/s (plain Java). A benchmark command, not a test: run it on a quiet
 * machine, e.g. {@code java -cp ... dev.acpstream.core.acpnet.AcpNetBenchmark [imageDim] [epochs]}.
 * Inputs are random clusters: throughput does not depend on what the features mean.
 */
public final class AcpNetBenchmark {

  private AcpNetBenchmark() {}

  public static void main(String[] args) {
    int imageDim = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    AcpNetConfig config = AcpNetConfig.paper("bench", imageDim);
    System.out.println("ACP-Net benchmark, " + config + ", " + Runtime.getRuntime().availableProcessors()
        + " cores");
    AcpNetModel model = scoring(config);
    training(config, epochs);
    System.out.println("done " + model.config().backboneId());
  }

  private static AcpNetModel scoring(AcpNetConfig config) {
    AcpNetModel model = new AcpNetModel(randomWeights(config));
    float[][] img = gaussian(1000, config.imageDim(), 1);
    float[][] mus = gaussian(1000, config.musicDim(), 2);
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    List<ItemEmbedding> ie = model.embedImages(img);
    List<ItemEmbedding> me = model.embedMusics(mus);
    double embedS = (System.nanoTime() - t0) / 1e9;
    double embedCpu = (cpuNanos() - c0) / 1e9;
    System.out.printf(Locale.ROOT, "embedding: %d items in %.2f s wall = %.0f items/s; %.0f items per CPU-second%n",
        2000, embedS, 2000 / embedS, 2000 / embedCpu);
    int n = 200_000;
    List<ItemEmbedding> pi = new ArrayList<>(n);
    List<ItemEmbedding> pm = new ArrayList<>(n);
    Random rng = new Random(3);
    for (int i = 0; i < n; i++) {
      pi.add(ie.get(rng.nextInt(ie.size())));
      pm.add(me.get(rng.nextInt(me.size())));
    }
    double best = 0;
    double bestCpu = 0;
    for (int round = 0; round < 4; round++) {
      long s = System.nanoTime();
      long c = cpuNanos();
      float[] scores = model.scorePairs(pi, pm);
      double sec = (System.nanoTime() - s) / 1e9;
      double cpu = (cpuNanos() - c) / 1e9;
      best = Math.max(best, n / sec);
      bestCpu = Math.max(bestCpu, n / cpu);
      System.out.printf(Locale.ROOT,
          "fusion-only scoring round %d: %d pairs in %.3f s wall = %.0f pairs/s; %.0f pairs per CPU-second (p[0]=%.4f)%n",
          round, n, sec, n / sec, n / cpu, scores[0]);
    }
    System.out.printf(Locale.ROOT, "fusion-only scoring best: %.0f pairs/s wall, %.0f pairs per CPU-second%n",
        best, bestCpu);
    return model;
  }

  private static void training(AcpNetConfig config, int epochs) {
    LabelledFeatures music = clusters(630, config.musicDim(), 4);
    LabelledFeatures images = clusters(630, config.imageDim(), 5);
    TrainingOptions o = TrainingOptions.paper(1).withMaxEpochs(epochs).withProbes(false);
    long c0 = cpuNanos();
    TrainingResult r = new AcpNetTrainer(Clock.systemUTC()).train(config, music, images, null, true, o,
        s -> System.out.println("training " + s.line()));
    double cpu = (cpuNanos() - c0) / 1e9;
    long pairs = r.report().epochs().stream().mapToLong(EpochStats::pairs).sum();
    System.out.printf(Locale.ROOT,
        "training mean: %.0f pairs/s wall; %.0f pairs per CPU-second (whole run incl. validation)%n",
        r.report().epochs().stream().mapToDouble(EpochStats::pairsPerSecond).average().orElse(0),
        pairs / cpu);
  }

  /** CPU time of the whole process: on a shared machine wall time mostly measures the neighbours. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static AcpNetWeights randomWeights(AcpNetConfig c) {
    Random rng = new Random(7);
    return new AcpNetWeights(c, unit(c.imageDim()), unit(c.musicDim()),
        mlp(c.imageDim(), c.imageLayers(), true, rng), mlp(c.musicDim(), c.musicLayers(), true, rng),
        mlp(2 * c.embeddingDim(), c.fusionLayers(), false, rng), null, null);
  }

  private static Standardizer unit(int d) {
    float[] one = new float[d];
    java.util.Arrays.fill(one, 1f);
    return new Standardizer(new float[d], one);
  }

  private static Mlp mlp(int in, int[] widths, boolean reluOut, Random rng) {
    List<DenseLayer> layers = new ArrayList<>();
    int prev = in;
    for (int w : widths) {
      float[] weight = new float[w * prev];
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (float) (rng.nextGaussian() * Math.sqrt(2.0 / prev));
      }
      layers.add(new DenseLayer(prev, w, weight, new float[w]));
      prev = w;
    }
    return new Mlp(layers, reluOut);
  }

  private static float[][] gaussian(int n, int d, long seed) {
    Random rng = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] r : x) {
      for (int i = 0; i < d; i++) {
        r[i] = (float) rng.nextGaussian();
      }
    }
    return x;
  }

  private static LabelledFeatures clusters(int n, int d, long seed) {
    float[][] x = gaussian(n, d, seed);
    int[] y = new int[n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      x[i][y[i]] += 3f;
      ids.add("item" + i);
    }
    return new LabelledFeatures(ids, x, y, LabelledFeatures.EMOTION_CLASS_NAMES);
  }
}
