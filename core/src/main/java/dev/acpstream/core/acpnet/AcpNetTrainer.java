package dev.acpstream.core.acpnet;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.acpstream.core.dataset.ItemSplit;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains ACP-Net on DJL's PyTorch engine with the paper's protocol (section 4): items of each
 * modality split 70/10/20 at random (seeded), pairs true when both items share a class and
 * sampled balanced ({@link PairSampler}), cross-entropy, Adam, early stopping on validation
 * accuracy. The best epoch's weights become the artifact; test accuracy is measured on the
 * held-out items through the artifact's own plain-Java scorer, so what is reported is what ships.
 */
public final class AcpNetTrainer {

  private final Clock clock;

  public AcpNetTrainer(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param music music items with the three emotion classes
   * @param images image items with the same three classes
   * @param imageProbeLabels the same images with finer labels (e.g. the eight image emotions) for
   *     the image probe, or null to probe the three classes
   * @param weaklyLabelledImages true when the image classes came from a rule, not from people
   */
  public TrainingResult train(AcpNetConfig config, LabelledFeatures music, LabelledFeatures images,
      LabelledFeatures imageProbeLabels, boolean weaklyLabelledImages, TrainingOptions options,
      Consumer<EpochStats> progress) {
    validate(config, music, images, imageProbeLabels);
    ItemSplit ms = ItemSplit.paper(music.labels(), options.seed());
    ItemSplit is = ItemSplit.paper(images.labels(), options.seed() + 1);
    LabelledFeatures mTrain = music.subset(ms.train());
    LabelledFeatures iTrain = images.subset(is.train());
    Standardizer musicNorm = Standardizer.fit(mTrain.features());
    Standardizer imageNorm = Standardizer.fit(iTrain.features());
    Sides train = new Sides(musicNorm, imageNorm, mTrain, iTrain);
    Sides val = new Sides(musicNorm, imageNorm, music.subset(ms.validation()), images.subset(is.validation()));
    int classes = music.classCount();

    PairSampler trainSampler = new PairSampler(mTrain.labels(), iTrain.labels(), classes, options);
    List<PairBatch> valBatches = val.music.size() == 0 || val.images.size() == 0 ? List.of()
        : new PairSampler(val.music.labels(), val.images.labels(), classes, options)
            .epoch(new Random(options.seed() ^ 0x5eed));

    Engine engine = TorchEngine.get();
    engine.setRandomSeed(TorchEngine.seed(options.seed()));
    Device device = engine.defaultDevice();
    AcpNetBlock block = new AcpNetBlock(config);
    List<EpochStats> history = new ArrayList<>();
    AcpNetWeights best = null;
    double bestVal = -1;
    int bestEpoch = 0;
    try (Model model = Model.newInstance("acpnet", device, TorchEngine.NAME)) {
      model.setBlock(block);
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(options.learningRate())).build())
          .optDevices(new Device[] {device})
          .optInitializer(TorchBlocks.GLOROT_UNIFORM, ai.djl.nn.Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(cfg)) {
        trainer.initialize(new Shape(4, config.imageDim()), new Shape(2, config.musicDim()),
            new Shape(8, 4), new Shape(8, 2));
        Random rng = new Random(options.seed());
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
          List<PairBatch> batches = trainSampler.epoch(rng);
          long start = System.nanoTime();
          double lossSum = 0;
          long correct = 0;
          long pairs = 0;
          for (PairBatch b : batches) {
            try (NDManager m = trainer.getManager().newSubManager()) {
              NDList in = inputs(m, train, b);
              NDArray labels = m.create(toFloat(b.labels()));
              NDList pred;
              try (GradientCollector gc = trainer.newGradientCollector()) {
                pred = trainer.forward(in);
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), pred);
                gc.backward(loss);
                lossSum += loss.getFloat() * b.pairs();
              }
              trainer.step();
              correct += countCorrect(pred.singletonOrThrow(), b.labels());
              pairs += b.pairs();
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          double valAcc = evaluate(trainer, val, valBatches);
          EpochStats stats = new EpochStats(epoch, lossSum / pairs, correct / (double) pairs,
              valAcc, pairs, seconds);
          history.add(stats);
          progress.accept(stats);
          if (valAcc > bestVal) {
            bestVal = valAcc;
            bestEpoch = epoch;
            best = new AcpNetWeights(config, imageNorm, musicNorm, block.imageWeights(),
                block.musicWeights(), block.fusionWeights(), null, null);
          } else if (epoch - bestEpoch >= options.patience()) {
            break;
          }
        }
      }
    }

    AcpNetModel scorer = new AcpNetModel(best);
    LabelledFeatures mTest = music.subset(ms.test());
    LabelledFeatures iTest = images.subset(is.test());
    double testAcc = Double.NaN;
    if (mTest.size() > 0 && iTest.size() > 0 && distinctClasses(iTest.labels()) >= 2
        && coversClasses(iTest.labels(), mTest.labels())) {
      List<PairBatch> testBatches = new PairSampler(mTest.labels(), iTest.labels(), classes, options)
          .epoch(new Random(options.seed() ^ 0x7e57));
      testAcc = pairAccuracy(scorer, mTest, iTest, testBatches);
    }

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("correspondence_validation_accuracy", bestVal);
    metrics.put("correspondence_test_accuracy", testAcc);
    metrics.put("best_epoch", bestEpoch);
    metrics.put("epochs_run", history.size());
    metrics.put("train_pairs_per_second",
        history.stream().mapToDouble(EpochStats::pairsPerSecond).average().orElse(0));
    AcpNetWeights withProbes = best;
    if (options.trainProbes()) {
      EmotionProbe musicProbe = probe(scorer, true, music, ms, options, metrics, "music_probe");
      LabelledFeatures probeImages = imageProbeLabels != null ? imageProbeLabels : images;
      String key = weaklyLabelledImages && imageProbeLabels == null
          ? "image_probe_weak_labels" : "image_probe";
      EmotionProbe imageProbe = probe(scorer, false, probeImages, is, options, metrics, key);
      withProbes = best.withProbes(musicProbe, imageProbe);
    }

    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seed", options.seed());
    data.put("split", "random per class, items not pairs: 70/10/20");
    data.put("classes", music.classNames());
    data.put("music_items", Map.of("train", ms.train().length, "validation", ms.validation().length,
        "test", ms.test().length));
    data.put("image_items", Map.of("train", is.train().length, "validation", is.validation().length,
        "test", is.test().length));
    data.put("music_class_counts", Arrays.stream(music.classCounts()).boxed().toList());
    data.put("image_class_counts", Arrays.stream(images.classCounts()).boxed().toList());
    data.put("pair_sampling", "per epoch every training music item anchors " + options.pairsPerItem()
        + " pairs, half with images of its class (true) and half with images of another class (false); "
        + options.imagesPerClass() + " images per class pooled per batch of " + options.musicPerBatch()
        + " music items");
    data.put("optimizer", "adam lr " + options.learningRate());
    data.put("engine", TorchEngine.NAME + " " + engine.getVersion());
    AcpNetArtifact artifact = new AcpNetArtifact(withProbes,
        new ArtifactInfo(clock.instant(), weaklyLabelledImages, data, metrics));
    TrainingReport report = new TrainingReport(history, bestEpoch, bestVal, testAcc,
        weaklyLabelledImages, data, metrics);
    return new TrainingResult(artifact, report);
  }

  private static EmotionProbe probe(AcpNetModel scorer, boolean musicSide, LabelledFeatures items,
      ItemSplit split, TrainingOptions options, Map<String, Object> metrics, String key) {
    float[][] emb = embeddings(scorer, musicSide, items.features());
    int[] y = items.labels();
    ClassifierTrainer.Result r = ClassifierTrainer.train(
        pick(emb, split.train()), pick(y, split.train()),
        pick(emb, split.validation()), pick(y, split.validation()),
        items.classCount(), ClassifierTrainer.Options.probe(options.seed()));
    EmotionProbe probe = new EmotionProbe(items.classNames(), r.mlp());
    metrics.put(key + "_validation_accuracy", r.validationAccuracy());
    if (split.test().length > 0) {
      float[][] testX = pick(emb, split.test());
      int[] pred = probe.classify(flatten(testX), testX.length);
      int[] truth = pick(y, split.test());
      int ok = 0;
      for (int i = 0; i < pred.length; i++) {
        ok += pred[i] == truth[i] ? 1 : 0;
      }
      metrics.put(key + "_test_accuracy", ok / (double) pred.length);
    }
    return probe;
  }

  static float[][] embeddings(AcpNetModel scorer, boolean musicSide, float[][] features) {
    List<ItemEmbedding> e = musicSide ? scorer.embedMusics(features) : scorer.embedImages(features);
    return e.stream().map(ItemEmbedding::embedding).toArray(float[][]::new);
  }

  private static double pairAccuracy(AcpNetModel scorer, LabelledFeatures music,
      LabelledFeatures images, List<PairBatch> batches) {
    List<ItemEmbedding> me = scorer.embedMusics(music.features());
    List<ItemEmbedding> ie = scorer.embedImages(images.features());
    List<ItemEmbedding> pm = new ArrayList<>();
    List<ItemEmbedding> pi = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (PairBatch b : batches) {
      for (int p = 0; p < b.pairs(); p++) {
        pm.add(me.get(b.music()[b.pairMusic()[p]]));
        pi.add(ie.get(b.images()[b.pairImage()[p]]));
        labels.add(b.labels()[p]);
      }
    }
    float[] s = scorer.scorePairs(pi, pm);
    int ok = 0;
    for (int i = 0; i < s.length; i++) {
      ok += (s[i] >= 0.5f ? 1 : 0) == labels.get(i) ? 1 : 0;
    }
    return s.length == 0 ? Double.NaN : ok / (double) s.length;
  }

  private double evaluate(Trainer trainer, Sides val, List<PairBatch> batches) {
    long ok = 0;
    long n = 0;
    for (PairBatch b : batches) {
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray pred = trainer.evaluate(inputs(m, val, b)).singletonOrThrow();
        ok += countCorrect(pred, b.labels());
        n += b.pairs();
      }
    }
    return n == 0 ? 0 : ok / (double) n;
  }

  private static NDList inputs(NDManager m, Sides s, PairBatch b) {
    int p = b.pairs();
    float[] selI = new float[p * b.images().length];
    float[] selM = new float[p * b.music().length];
    for (int i = 0; i < p; i++) {
      selI[i * b.images().length + b.pairImage()[i]] = 1f;
      selM[i * b.music().length + b.pairMusic()[i]] = 1f;
    }
    return new NDList(
        m.create(ClassifierTrainer.rows(s.imageX, b.images(), 0, b.images().length),
            new Shape(b.images().length, s.imageX[0].length)),
        m.create(ClassifierTrainer.rows(s.musicX, b.music(), 0, b.music().length),
            new Shape(b.music().length, s.musicX[0].length)),
        m.create(selI, new Shape(p, b.images().length)),
        m.create(selM, new Shape(p, b.music().length)));
  }

  private static long countCorrect(NDArray logits, int[] labels) {
    float[] v = logits.toFloatArray();
    long ok = 0;
    for (int i = 0; i < labels.length; i++) {
      int pred = v[2 * i + 1] > v[2 * i] ? 1 : 0;
      ok += pred == labels[i] ? 1 : 0;
    }
    return ok;
  }

  private static void validate(AcpNetConfig c, LabelledFeatures music, LabelledFeatures images,
      LabelledFeatures probe) {
    if (music.size() == 0 || images.size() == 0) {
      throw new IllegalArgumentException("training needs music and images: got " + music.size()
          + " music items and " + images.size() + " images");
    }
    if (music.dim() != c.musicDim()) {
      throw new IllegalArgumentException("music features have " + music.dim()
          + " dimensions, the model takes " + c.musicDim());
    }
    if (images.dim() != c.imageDim()) {
      throw new IllegalArgumentException("image features have " + images.dim() + " dimensions, backbone '"
          + c.backboneId() + "' gives " + c.imageDim());
    }
    if (!music.classNames().equals(images.classNames())) {
      throw new IllegalArgumentException("music classes " + music.classNames()
          + " differ from image classes " + images.classNames());
    }
    if (probe != null && !probe.ids().equals(images.ids())) {
      throw new IllegalArgumentException("image probe labels must cover the same images in the same order");
    }
  }

  private static int distinctClasses(int[] labels) {
    return (int) Arrays.stream(labels).distinct().count();
  }

  private static boolean coversClasses(int[] imageLabels, int[] musicLabels) {
    java.util.Set<Integer> have = new java.util.HashSet<>();
    Arrays.stream(imageLabels).forEach(have::add);
    return Arrays.stream(musicLabels).allMatch(have::contains);
  }

  private static float[] toFloat(int[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i];
    }
    return f;
  }

  static float[][] pick(float[][] x, int[] idx) {
    return Arrays.stream(idx).mapToObj(i -> x[i]).toArray(float[][]::new);
  }

  static int[] pick(int[] x, int[] idx) {
    return Arrays.stream(idx).map(i -> x[i]).toArray();
  }

  static float[] flatten(float[][] x) {
    if (x.length == 0) {
      return new float[0];
    }
    return ClassifierTrainer.rows(x, java.util.stream.IntStream.range(0, x.length).toArray(), 0, x.length);
  }

  /** One split's items of both modalities, standardised once. */
  private static final class Sides {
    final LabelledFeatures music;
    final LabelledFeatures images;
    final float[][] musicX;
    final float[][] imageX;

    Sides(Standardizer mn, Standardizer in, LabelledFeatures music, LabelledFeatures images) {
      this.music = music;
      this.images = images;
      this.musicX = Arrays.stream(music.features()).map(mn::apply).toArray(float[][]::new);
      this.imageX = Arrays.stream(images.features()).map(in::apply).toArray(float[][]::new);
    }
  }
}
