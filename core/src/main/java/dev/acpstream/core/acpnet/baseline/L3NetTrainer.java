package dev.acpstream.core.acpnet.baseline;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.acpstream.core.acpnet.EpochStats;
import dev.acpstream.core.acpnet.PairBatch;
import dev.acpstream.core.acpnet.PairSampler;
import dev.acpstream.core.acpnet.TorchEngine;
import dev.acpstream.core.acpnet.TrainingOptions;
import dev.acpstream.core.acpnet.TrainingReport;
import dev.acpstream.core.dataset.ItemSplit;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the convolutional L3-Net ({@link L3NetConfig}) with ACP-Net's protocol, so that Table 4
 * compares architectures and not training recipes: the same 70/10/20 item split
 * ({@link ItemSplit#paper}, music seeded by the options' seed, images by seed + 1, as
 * {@code AcpNetTrainer}), the same balanced pair sampling ({@link PairSampler}), validation and
 * test pairs drawn with the same seeds, softmax cross-entropy, Adam at the options' learning rate,
 * Glorot-uniform weights, the epochs cap and early stopping on validation accuracy.
 *
 * <p>What differs, because the inputs are images: items enter as NCHW tensors (images
 * [N, 3, S, S] from {@link RawPixels}' channel-major values, spectrograms [N, 1, F, T] from
 * {@link LogMelSpectrogram}'s band-major grid), standardised per channel (not per value) with
 * training-item statistics. Test accuracy is that of the best validation epoch's weights, measured
 * on the engine when that epoch ends. Nothing is written: the baselines are evaluated, not
 * deployed, so there is no artifact and no plain-Java scorer for conv layers.
 */
public final class L3NetTrainer {

  /** As {@code TorchBlocks.GLOROT_UNIFORM}, ACP-Net's initialiser. */
  private static final XavierInitializer GLOROT_UNIFORM = new XavierInitializer(
      XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 6);

  /**
   * @param music each clip's log-mel grid, {@code config.spectrogramDim()} values band-major
   * @param images each image's pixels, {@code config.imageDim()} values channel-major
   */
  public TrainingReport train(L3NetConfig config, LabelledFeatures music, LabelledFeatures images,
      boolean weaklyLabelledImages, TrainingOptions options, Consumer<EpochStats> progress) {
    validate(config, music, images);
    ItemSplit ms = ItemSplit.paper(music.labels(), options.seed());
    ItemSplit is = ItemSplit.paper(images.labels(), options.seed() + 1);
    Shape imageItem = new Shape(3, config.imageSide(), config.imageSide());
    Shape musicItem = new Shape(1, config.spectrogramBands(), config.spectrogramFrames());
    ChannelNorm imageNorm = ChannelNorm.fit(images.subset(is.train()).features(), 3);
    ChannelNorm musicNorm = ChannelNorm.fit(music.subset(ms.train()).features(), 1);
    Sides train = new Sides(music.subset(ms.train()), images.subset(is.train()), musicNorm, imageNorm);
    Sides val = new Sides(music.subset(ms.validation()), images.subset(is.validation()), musicNorm, imageNorm);
    Sides test = new Sides(music.subset(ms.test()), images.subset(is.test()), musicNorm, imageNorm);
    int classes = music.classCount();

    PairSampler trainSampler = new PairSampler(train.music.labels(), train.images.labels(), classes, options);
    List<PairBatch> valBatches = val.music.size() == 0 || val.images.size() == 0 ? List.of()
        : new PairSampler(val.music.labels(), val.images.labels(), classes, options)
            .epoch(new Random(options.seed() ^ 0x5eed));
    List<PairBatch> testBatches = testable(test) ? new PairSampler(test.music.labels(),
        test.images.labels(), classes, options).epoch(new Random(options.seed() ^ 0x7e57)) : List.of();

    Engine engine = TorchEngine.get();
    engine.setRandomSeed(TorchEngine.seed(options.seed()));
    Device device = engine.defaultDevice();
    List<EpochStats> history = new ArrayList<>();
    double bestVal = -1;
    double testAcc = Double.NaN;
    int bestEpoch = 0;
    try (Model model = Model.newInstance("l3net", device, TorchEngine.NAME)) {
      model.setBlock(new L3NetBlock(config));
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(options.learningRate())).build())
          .optDevices(new Device[] {device})
          .optInitializer(GLOROT_UNIFORM, Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(cfg)) {
        trainer.initialize(batchOf(4, imageItem), batchOf(2, musicItem), new Shape(8, 4), new Shape(8, 2));
        Random rng = new Random(options.seed());
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
          long start = System.nanoTime();
          double lossSum = 0;
          long correct = 0;
          long pairs = 0;
          for (PairBatch b : trainSampler.epoch(rng)) {
            try (NDManager m = trainer.getManager().newSubManager()) {
              NDList in = inputs(m, train, b, imageItem, musicItem);
              NDList pred;
              try (GradientCollector gc = trainer.newGradientCollector()) {
                pred = trainer.forward(in);
                NDArray loss = trainer.getLoss().evaluate(new NDList(m.create(toFloat(b.labels()))), pred);
                gc.backward(loss);
                lossSum += loss.getFloat() * b.pairs();
              }
              trainer.step();
              correct += countCorrect(pred.singletonOrThrow(), b.labels());
              pairs += b.pairs();
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          double valAcc = accuracy(trainer, val, valBatches, imageItem, musicItem);
          EpochStats stats = new EpochStats(epoch, lossSum / pairs, correct / (double) pairs, valAcc,
              pairs, seconds);
          history.add(stats);
          progress.accept(stats);
          if (valAcc > bestVal) {
            bestVal = valAcc;
            bestEpoch = epoch;
            // these weights are the best so far: measure them now rather than keep a copy
            testAcc = testBatches.isEmpty() ? Double.NaN
                : accuracy(trainer, test, testBatches, imageItem, musicItem);
          } else if (epoch - bestEpoch >= options.patience()) {
            break;
          }
        }
      }
    }

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("correspondence_validation_accuracy", bestVal);
    metrics.put("correspondence_test_accuracy", testAcc);
    metrics.put("best_epoch", bestEpoch);
    metrics.put("epochs_run", history.size());
    metrics.put("train_pairs_per_second",
        history.stream().mapToDouble(EpochStats::pairsPerSecond).average().orElse(0));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seed", options.seed());
    data.put("split", "random per class, items not pairs: 70/10/20");
    data.put("classes", music.classNames());
    data.put("architecture", config.toString());
    data.put("optimizer", "adam lr " + options.learningRate());
    data.put("engine", TorchEngine.NAME + " " + engine.getVersion());
    return new TrainingReport(history, bestEpoch, bestVal, testAcc, weaklyLabelledImages, data, metrics);
  }

  private static Shape batchOf(long n, Shape item) {
    return new Shape(n).addAll(item);
  }

  /** As ACP-Net's test: every test music class needs a test image of its class, and two classes. */
  private static boolean testable(Sides s) {
    if (s.music.size() == 0 || s.images.size() == 0) {
      return false;
    }
    java.util.Set<Integer> have = new java.util.HashSet<>();
    Arrays.stream(s.images.labels()).forEach(have::add);
    return have.size() >= 2 && Arrays.stream(s.music.labels()).allMatch(have::contains);
  }

  private static double accuracy(Trainer trainer, Sides s, List<PairBatch> batches, Shape imageItem,
      Shape musicItem) {
    long ok = 0;
    long n = 0;
    for (PairBatch b : batches) {
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray pred = trainer.evaluate(inputs(m, s, b, imageItem, musicItem)).singletonOrThrow();
        ok += countCorrect(pred, b.labels());
        n += b.pairs();
      }
    }
    return n == 0 ? 0 : ok / (double) n;
  }

  private static NDList inputs(NDManager m, Sides s, PairBatch b, Shape imageItem, Shape musicItem) {
    int p = b.pairs();
    float[] selI = new float[p * b.images().length];
    float[] selM = new float[p * b.music().length];
    for (int i = 0; i < p; i++) {
      selI[i * b.images().length + b.pairImage()[i]] = 1f;
      selM[i * b.music().length + b.pairMusic()[i]] = 1f;
    }
    return new NDList(
        m.create(rows(s.imageX, b.images()), batchOf(b.images().length, imageItem)),
        m.create(rows(s.musicX, b.music()), batchOf(b.music().length, musicItem)),
        m.create(selI, new Shape(p, b.images().length)),
        m.create(selM, new Shape(p, b.music().length)));
  }

  private static float[] rows(float[][] x, int[] idx) {
    int d = x[0].length;
    float[] out = new float[idx.length * d];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(x[idx[i]], 0, out, i * d, d);
    }
    return out;
  }

  private static long countCorrect(NDArray logits, int[] labels) {
    float[] v = logits.toFloatArray();
    long ok = 0;
    for (int i = 0; i < labels.length; i++) {
      ok += (v[2 * i + 1] > v[2 * i] ? 1 : 0) == labels[i] ? 1 : 0;
    }
    return ok;
  }

  private static float[] toFloat(int[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i];
    }
    return f;
  }

  private static void validate(L3NetConfig c, LabelledFeatures music, LabelledFeatures images) {
    if (music.size() == 0 || images.size() == 0) {
      throw new IllegalArgumentException("training needs music and images: got " + music.size()
          + " music items and " + images.size() + " images");
    }
    if (music.dim() != c.spectrogramDim()) {
      throw new IllegalArgumentException("music spectrograms have " + music.dim() + " values, L3-Net takes "
          + c.spectrogramBands() + " bands x " + c.spectrogramFrames() + " time cells = " + c.spectrogramDim());
    }
    if (images.dim() != c.imageDim()) {
      throw new IllegalArgumentException("images have " + images.dim() + " values, L3-Net takes 3 x "
          + c.imageSide() + " x " + c.imageSide() + " = " + c.imageDim());
    }
    if (!music.classNames().equals(images.classNames())) {
      throw new IllegalArgumentException("music classes " + music.classNames()
          + " differ from image classes " + images.classNames());
    }
  }

  /**
   * One mean and standard deviation per channel over every value of the training items: a conv
   * net shares its filters across positions, so per-position scaling (ACP-Net's
   * {@code Standardizer}) would distort the picture it looks at.
   */
  private record ChannelNorm(float[] mean, float[] std) {

    static ChannelNorm fit(float[][] rows, int channels) {
      if (rows.length == 0) {
        throw new IllegalArgumentException("the training split has no items to normalise by");
      }
      int plane = rows[0].length / channels;
      double[] sum = new double[channels];
      double[] sq = new double[channels];
      for (float[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          sum[i / plane] += r[i];
          sq[i / plane] += (double) r[i] * r[i];
        }
      }
      float[] mean = new float[channels];
      float[] std = new float[channels];
      double n = (double) rows.length * plane;
      for (int c = 0; c < channels; c++) {
        double mu = sum[c] / n;
        double sd = Math.sqrt(Math.max(0, sq[c] / n - mu * mu));
        mean[c] = (float) mu;
        std[c] = sd < 1e-6 ? 1f : (float) sd;
      }
      return new ChannelNorm(mean, std);
    }

    float[] apply(float[] x) {
      int plane = x.length / mean.length;
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = (x[i] - mean[i / plane]) / std[i / plane];
      }
      return y;
    }
  }

  /** One split's items of both modalities, normalised once. */
  private static final class Sides {
    final LabelledFeatures music;
    final LabelledFeatures images;
    final float[][] musicX;
    final float[][] imageX;

    Sides(LabelledFeatures music, LabelledFeatures images, ChannelNorm mn, ChannelNorm in) {
      this.music = music;
      this.images = images;
      this.musicX = Arrays.stream(music.features()).map(mn::apply).toArray(float[][]::new);
      this.imageX = Arrays.stream(images.features()).map(in::apply).toArray(float[][]::new);
    }
  }
}
