package dev.acpstream.core.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded random split of items (not pairs) into train, validation and test, as in the paper's
 * section 4 (70/10/20). It is drawn per class so each class keeps its share in every part, which
 * matters for small sets; with a seed it is repeatable.
 */
public record ItemSplit(int[] train, int[] validation, int[] test) {

  public static final double PAPER_TRAIN = 0.7;
  public static final double PAPER_VALIDATION = 0.1;

  public static ItemSplit paper(int[] labels, long seed) {
    return random(labels, seed, PAPER_TRAIN, PAPER_VALIDATION);
  }

  public static ItemSplit random(int[] labels, long seed, double trainFraction, double validationFraction) {
    if (trainFraction <= 0 || validationFraction < 0 || trainFraction + validationFraction > 1) {
      throw new IllegalArgumentException("bad split fractions: train " + trainFraction
          + ", validation " + validationFraction);
    }
    Random rng = new Random(seed);
    int classes = Arrays.stream(labels).max().orElse(-1) + 1;
    List<Integer> tr = new ArrayList<>();
    List<Integer> va = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          members.add(i);
        }
      }
      Collections.shuffle(members, rng);
      int n = members.size();
      int nTrain = (int) Math.round(n * trainFraction);
      int nVal = (int) Math.round(n * validationFraction);
      if (n >= 3) {
        // A class with at least three items appears in every part.
        nVal = Math.max(1, nVal);
        nTrain = Math.min(Math.max(1, nTrain), n - nVal - 1);
      }
      nVal = Math.min(nVal, n - nTrain);
      tr.addAll(members.subList(0, nTrain));
      va.addAll(members.subList(nTrain, nTrain + nVal));
      te.addAll(members.subList(nTrain + nVal, n));
    }
    return new ItemSplit(sorted(tr), sorted(va), sorted(te));
  }

  private static int[] sorted(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
