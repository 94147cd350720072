package dev.acpstream.core.acpnet;

import dev.acpstream.core.dataset.FourQClip;
import dev.acpstream.core.dataset.ItemSplit;
import dev.acpstream.core.dataset.MusicFeatureSource;
import dev.acpstream.core.dataset.Quadrant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Music emotion recognition on the 4Q dataset from the 193-d feature: an MLP trained on the
 * quadrants (4 classes), scored on 4 classes and on the paper's 3 (a predicted quadrant counts as
 * its class). Either a fixed test list, training on all other clips with 10 % of them held out for
 * early stopping, or k-fold cross-validation (folds stratified by quadrant, seeded).
 */
public final class MusicEmotionEvaluation {

  /** The classifier: the paper's probe shape on standardised features. */
  public static final ClassifierTrainer.Options MODEL =
      new ClassifierTrainer.Options(new int[] {512, 32}, 0.4f, 1e-3f, 32, 100, 15, 0);

  /**
   * @param confusion4 counts of [true quadrant][predicted quadrant] over every tested clip (Q1..Q4)
   */
  public record Result(double accuracy4class, double accuracy3class, int nTrain, int nTest,
      int folds, String model, long[][] confusion4) {}

  private MusicEmotionEvaluation() {}

  public static String modelDescription(int dim) {
    return "mlp " + dim + "-512-32-4 relu, dropout 0.4, adam lr 1e-3, early stopping on 10% of training clips";
  }

  public static Result holdOut(List<FourQClip> clips, MusicFeatureSource source, Set<String> test,
      long seed) throws IOException {
    float[][] x = features(clips, source);
    int[] y = quadrants(clips);
    List<Integer> tr = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      (test.contains(clips.get(i).relativePath()) ? te : tr).add(i);
    }
    int[] train = tr.stream().mapToInt(Integer::intValue).toArray();
    int[] testIdx = te.stream().mapToInt(Integer::intValue).toArray();
    if (train.length == 0 || testIdx.length == 0) {
      throw new IllegalArgumentException("need clips both to train on and to test: " + train.length
          + " training, " + testIdx.length + " test");
    }
    long[][] confusion = new long[4][4];
    int[] correct = fold(x, y, train, testIdx, seed, confusion);
    return new Result(correct[0] / (double) testIdx.length, correct[1] / (double) testIdx.length,
        train.length, testIdx.length, 1, modelDescription(x[0].length), confusion);
  }

  public static Result crossValidate(List<FourQClip> clips, MusicFeatureSource source, int folds,
      long seed, Consumer<String> progress) throws IOException {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
    }
    float[][] x = features(clips, source);
    int[] y = quadrants(clips);
    int[] foldOf = new int[clips.size()];
    Random rng = new Random(seed);
    for (int q = 0; q < 4; q++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == q) {
          members.add(i);
        }
      }
      java.util.Collections.shuffle(members, rng);
      for (int k = 0; k < members.size(); k++) {
        foldOf[members.get(k)] = k % folds;
      }
    }
    int c4 = 0;
    int c3 = 0;
    int trainSum = 0;
    long[][] confusion = new long[4][4];
    for (int f = 0; f < folds; f++) {
      final int ff = f;
      int[] te = java.util.stream.IntStream.range(0, y.length).filter(i -> foldOf[i] == ff).toArray();
      int[] tr = java.util.stream.IntStream.range(0, y.length).filter(i -> foldOf[i] != ff).toArray();
      int[] correct = fold(x, y, tr, te, seed + f, confusion);
      c4 += correct[0];
      c3 += correct[1];
      trainSum += tr.length;
      progress.accept(String.format(java.util.Locale.ROOT, "fold %d/%d: 4-class %.3f, 3-class %.3f",
          f + 1, folds, correct[0] / (double) te.length, correct[1] / (double) te.length));
    }
    return new Result(c4 / (double) y.length, c3 / (double) y.length, trainSum / folds, y.length,
        folds, modelDescription(x[0].length), confusion);
  }

  /** Trains on {@code train} (10 % held out for early stopping); counts 4- and 3-class hits on {@code test}. */
  static int[] fold(float[][] x, int[] y, int[] train, int[] test, long seed, long[][] confusion) {
    ItemSplit inner = ItemSplit.random(AcpNetTrainer.pick(y, train), seed, 0.9, 0.1);
    int[] fit = Arrays.stream(inner.train()).map(i -> train[i]).toArray();
    int[] stop = java.util.stream.IntStream.concat(Arrays.stream(inner.validation()), Arrays.stream(inner.test()))
        .map(i -> train[i]).toArray();
    Standardizer norm = Standardizer.fit(AcpNetTrainer.pick(x, fit));
    float[][] z = Arrays.stream(x).map(norm::apply).toArray(float[][]::new);
    ClassifierTrainer.Options o = new ClassifierTrainer.Options(MODEL.hidden(), MODEL.dropout(),
        MODEL.learningRate(), MODEL.batchSize(), MODEL.maxEpochs(), MODEL.patience(), seed);
    ClassifierTrainer.Result r = ClassifierTrainer.train(AcpNetTrainer.pick(z, fit),
        AcpNetTrainer.pick(y, fit), AcpNetTrainer.pick(z, stop), AcpNetTrainer.pick(y, stop), 4, o);
    float[][] tz = AcpNetTrainer.pick(z, test);
    float[] logits = r.mlp().forward(AcpNetTrainer.flatten(tz), tz.length);
    int c4 = 0;
    int c3 = 0;
    Quadrant[] q = Quadrant.values();
    for (int i = 0; i < test.length; i++) {
      int best = 0;
      for (int k = 1; k < 4; k++) {
        if (logits[4 * i + k] > logits[4 * i + best]) {
          best = k;
        }
      }
      int truth = y[test[i]];
      confusion[truth][best]++;
      c4 += best == truth ? 1 : 0;
      c3 += q[best].emotionClass() == q[truth].emotionClass() ? 1 : 0;
    }
    return new int[] {c4, c3};
  }

  private static float[][] features(List<FourQClip> clips, MusicFeatureSource source) throws IOException {
    float[][] x = new float[clips.size()][];
    for (int i = 0; i < clips.size(); i++) {
      x[i] = source.features(clips.get(i).relativePath(), clips.get(i).file());
      if (i > 0 && x[i].length != x[0].length) {
        throw new IllegalArgumentException(clips.get(i).relativePath() + " has " + x[i].length
            + " features, " + clips.get(0).relativePath() + " has " + x[0].length);
      }
    }
    return x;
  }

  private static int[] quadrants(List<FourQClip> clips) {
    return clips.stream().mapToInt(c -> c.quadrant().ordinal()).toArray();
  }
}
