package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.AcpNetModel;
import dev.acpstream.core.acpnet.ItemEmbedding;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Scores a model on the holdout: every (held-out music segment, held-out image) pair, true when
 * both share a class (a seeded sample of them beyond {@code maxPairs}), plus every labelled
 * feedback pair. The accuracy is balanced: the mean of the accuracies on true and on false pairs
 * (true pairs are about a third of the class pairs; chance is 0.5 either way).
 *
 * @param version a digest of the holdout's rule and content: two evaluations with the same
 *     version scored the same pairs
 */
record HoldoutEvaluation(List<LabelledItem> music, List<LabelledItem> images,
    List<FeedbackPair> feedback, int maxPairs, String version) {

  /** One model's result on the holdout. */
  record Result(double accuracy, double truePairAccuracy, double falsePairAccuracy, long pairs,
      long feedbackPairs, double feedbackAccuracy) {}

  static HoldoutEvaluation of(TrainingSnapshot s, Holdout rule, int maxPairs) {
    StringBuilder digest = new StringBuilder(rule.salt()).append('\n').append(rule.fraction());
    for (LabelledItem i : s.holdoutImages()) {
      digest.append("\ni|").append(i.id()).append('|').append(i.label());
    }
    for (LabelledItem m : s.holdoutMusic()) {
      digest.append("\nm|").append(m.id()).append('|').append(m.label());
    }
    for (FeedbackPair p : s.feedback()) {
      digest.append("\np|").append(p.imageId()).append('|').append(p.musicId()).append('|')
          .append(p.corresponds());
    }
    String version = "h-" + HexFormat.of().formatHex(Holdout.sha256(digest.toString()), 0, 6);
    return new HoldoutEvaluation(s.holdoutMusic(), s.holdoutImages(), s.feedback(), maxPairs, version);
  }

  /** Whether there is anything to compare models on: pairs of both kinds (true and false). */
  boolean usable() {
    long classes = images.stream().mapToInt(LabelledItem::label).distinct().count();
    boolean classPairs = !music.isEmpty() && classes >= 2;
    boolean feedbackBoth = feedback.stream().anyMatch(FeedbackPair::corresponds)
        && feedback.stream().anyMatch(p -> !p.corresponds());
    return classPairs || feedbackBoth;
  }

  /**
   * @throws IllegalArgumentException when the model takes image features of another dimension
   *     (a champion trained on another backbone)
   */
  Result evaluate(AcpNetModel model) {
    int imageDim = model.config().imageDim();
    if (!images.isEmpty() && images.get(0).features().length != imageDim) {
      throw new IllegalArgumentException("the model takes " + imageDim + "-d image features, the holdout has "
          + images.get(0).features().length + "-d ones");
    }
    long[] hits = new long[2];
    long[] totals = new long[2];
    long pairs = 0;
    if (!music.isEmpty() && !images.isEmpty()) {
      List<ItemEmbedding> me = model.embedMusics(music.stream().map(LabelledItem::features).toArray(float[][]::new));
      List<ItemEmbedding> ie = model.embedImages(images.stream().map(LabelledItem::features).toArray(float[][]::new));
      long all = (long) me.size() * ie.size();
      List<ItemEmbedding> pm = new ArrayList<>();
      List<ItemEmbedding> pi = new ArrayList<>();
      List<Boolean> truth = new ArrayList<>();
      Random rng = new Random(ByteBuffer.wrap(Holdout.sha256(version)).getLong());
      for (long k = 0; k < Math.min(all, maxPairs); k++) {
        long idx = all <= maxPairs ? k : Math.floorMod(rng.nextLong(), all);
        int m = (int) (idx / ie.size());
        int i = (int) (idx % ie.size());
        pm.add(me.get(m));
        pi.add(ie.get(i));
        truth.add(music.get(m).label() == images.get(i).label());
      }
      float[] p = model.scorePairs(pi, pm);
      for (int k = 0; k < p.length; k++) {
        tally(hits, totals, truth.get(k), p[k]);
      }
      pairs = p.length;
    }
    long fbHits = 0;
    for (FeedbackPair f : feedback) {
      ItemEmbedding image = model.embedImage(f.image());
      double sum = 0;
      for (float[] seg : f.musicSegments()) {
        sum += model.score(image, model.embedMusic(seg));
      }
      float p = (float) (sum / f.musicSegments().size());
      tally(hits, totals, f.corresponds(), p);
      fbHits += (p >= 0.5f) == f.corresponds() ? 1 : 0;
    }
    double trueAcc = totals[1] == 0 ? Double.NaN : hits[1] / (double) totals[1];
    double falseAcc = totals[0] == 0 ? Double.NaN : hits[0] / (double) totals[0];
    double acc = Double.isNaN(trueAcc) ? falseAcc : Double.isNaN(falseAcc) ? trueAcc : (trueAcc + falseAcc) / 2;
    return new Result(acc, trueAcc, falseAcc, pairs + feedback.size(), feedback.size(),
        feedback.isEmpty() ? Double.NaN : fbHits / (double) feedback.size());
  }

  private static void tally(long[] hits, long[] totals, boolean truth, float p) {
    int t = truth ? 1 : 0;
    totals[t]++;
    hits[t] += (p >= 0.5f) == truth ? 1 : 0;
  }
}
