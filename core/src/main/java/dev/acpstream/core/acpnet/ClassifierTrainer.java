package dev.acpstream.core.acpnet;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;

/**
 * Trains a plain MLP classifier on DJL's PyTorch engine (cross-entropy, Adam, early stopping on
 * validation accuracy) and returns it as engine-neutral layers. Used for the paper's emotion
 * probes (Table 5) and for music emotion recognition straight from features.
 */
public final class ClassifierTrainer {

  /** How a classifier is trained. */
  public record Options(int[] hidden, float dropout, float learningRate, int batchSize,
      int maxEpochs, int patience, long seed) {

    /** The paper's probe: hidden 512 and 32. */
    public static Options probe(long seed) {
      return new Options(EmotionProbe.PAPER_HIDDEN, 0.4f, 1e-3f, 32, 100, 10, seed);
    }
  }

  /** The trained network (ending in logits), its best validation accuracy and the epochs run. */
  public record Result(Mlp mlp, double validationAccuracy, int bestEpoch, int epochsRun) {}

  private ClassifierTrainer() {}

  public static Result train(float[][] trainX, int[] trainY, float[][] valX, int[] valY,
      int classes, Options o) {
    if (trainX.length == 0) {
      throw new IllegalArgumentException("no training items for the classifier");
    }
    int dim = trainX[0].length;
    int[] widths = java.util.Arrays.copyOf(o.hidden(), o.hidden().length + 1);
    widths[widths.length - 1] = classes;
    Engine engine = TorchEngine.get();
    engine.setRandomSeed(TorchEngine.seed(o.seed()));
    Device device = engine.defaultDevice();
    SequentialBlock block = TorchBlocks.mlp(widths, o.dropout(), false);
    try (Model model = Model.newInstance("classifier", device, TorchEngine.NAME)) {
      model.setBlock(block);
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(o.learningRate())).build())
          .optDevices(new Device[] {device})
          .optInitializer(TorchBlocks.GLOROT_UNIFORM, ai.djl.nn.Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(cfg)) {
        trainer.initialize(new Shape(o.batchSize(), dim));
        Random rng = new Random(o.seed());
        double best = -1;
        Mlp bestMlp = null;
        int bestEpoch = 0;
        int epoch = 0;
        for (epoch = 1; epoch <= o.maxEpochs(); epoch++) {
          int[] perm = PairSampler.permutation(trainX.length, rng);
          for (int from = 0; from < perm.length; from += o.batchSize()) {
            int to = Math.min(perm.length, from + o.batchSize());
            try (NDManager m = trainer.getManager().newSubManager()) {
              NDArray x = m.create(rows(trainX, perm, from, to), new Shape(to - from, dim));
              float[] y = new float[to - from];
              for (int i = from; i < to; i++) {
                y[i - from] = trainY[perm[i]];
              }
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(m.create(y)), pred);
                gc.backward(loss);
              }
              trainer.step();
            }
          }
          double acc = accuracy(trainer, valX, valY, dim);
          // A tie keeps the later model (on small validation sets ties are common and the later
          // model has seen more updates) but does not restart the patience count.
          if (acc > best) {
            best = acc;
            bestEpoch = epoch;
            bestMlp = new Mlp(TorchBlocks.dense(block), false);
          } else if (acc == best) {
            bestMlp = new Mlp(TorchBlocks.dense(block), false);
          }
          if (epoch - bestEpoch >= o.patience()) {
            break;
          }
        }
        return new Result(bestMlp, best, bestEpoch, Math.min(epoch, o.maxEpochs()));
      }
    }
  }

  private static double accuracy(Trainer trainer, float[][] x, int[] y, int dim) {
    if (x.length == 0) {
      return 0;
    }
    try (NDManager m = trainer.getManager().newSubManager()) {
      int[] all = new int[x.length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      NDArray in = m.create(rows(x, all, 0, x.length), new Shape(x.length, dim));
      long[] pred = trainer.evaluate(new NDList(in)).singletonOrThrow().argMax(1).toLongArray();
      int ok = 0;
      for (int i = 0; i < y.length; i++) {
        if (pred[i] == y[i]) {
          ok++;
        }
      }
      return ok / (double) y.length;
    }
  }

  static float[] rows(float[][] x, int[] idx, int from, int to) {
    int d = x[0].length;
    float[] out = new float[(to - from) * d];
    for (int i = from; i < to; i++) {
      System.arraycopy(x[idx[i]], 0, out, (i - from) * d, d);
    }
    return out;
  }
}
