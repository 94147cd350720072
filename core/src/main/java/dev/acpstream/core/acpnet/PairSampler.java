package dev.acpstream.core.acpnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Balanced true/false pair sampling over labelled items (this project's reading of the paper's
 * "pairs are true when both items have the same class"):
 *
 * <ul>
 *   <li>an epoch walks the music items in a fresh random order, {@code musicPerBatch} per batch;
 *   <li>each batch draws a pool of {@code imagesPerClass} images from every image class;
 *   <li>each music item is paired with {@code pairsPerItem / 2} pool images of its own class
 *       (true) and as many of other classes (false), the false class uniform over the others.
 * </ul>
 *
 * So exactly half the pairs are true, every class is equally present on the image side, and each
 * item is embedded once per batch however many pairs it is in. Public so that the baselines
 * trained outside this package (the convolutional L3-Net) sample pairs exactly as ACP-Net does.
 */
public final class PairSampler {

  private final int[] musicLabels;
  private final int[][] imagesByClass;
  private final int classes;
  private final TrainingOptions options;

  public PairSampler(int[] musicLabels, int[] imageLabels, int classes, TrainingOptions options) {
    this.musicLabels = musicLabels.clone();
    this.classes = classes;
    this.options = options;
    List<List<Integer>> by = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      by.add(new ArrayList<>());
    }
    for (int i = 0; i < imageLabels.length; i++) {
      by.get(imageLabels[i]).add(i);
    }
    imagesByClass = new int[classes][];
    int present = 0;
    for (int c = 0; c < classes; c++) {
      imagesByClass[c] = by.get(c).stream().mapToInt(Integer::intValue).toArray();
      if (imagesByClass[c].length > 0) {
        present++;
      }
    }
    for (int l : musicLabels) {
      if (imagesByClass[l].length == 0) {
        throw new IllegalArgumentException("music class " + l
            + " has no image of the same class: no true pair can be formed");
      }
    }
    if (present < 2) {
      throw new IllegalArgumentException("images of at least two classes are needed for false pairs");
    }
  }

  public List<PairBatch> epoch(Random rng) {
    int[] order = permutation(musicLabels.length, rng);
    List<PairBatch> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += options.musicPerBatch()) {
      int to = Math.min(order.length, from + options.musicPerBatch());
      batches.add(batch(java.util.Arrays.copyOfRange(order, from, to), rng));
    }
    return batches;
  }

  private PairBatch batch(int[] music, Random rng) {
    int per = options.imagesPerClass();
    List<Integer> images = new ArrayList<>();
    int[][] poolByClass = new int[classes][];
    for (int c = 0; c < classes; c++) {
      int[] members = imagesByClass[c];
      if (members.length == 0) {
        poolByClass[c] = new int[0];
        continue;
      }
      int take = Math.min(per, members.length);
      int[] perm = permutation(members.length, rng);
      poolByClass[c] = new int[take];
      for (int k = 0; k < take; k++) {
        poolByClass[c][k] = images.size();
        images.add(members[perm[k]]);
      }
    }
    int half = options.pairsPerItem() / 2;
    int n = music.length * half * 2;
    int[] pm = new int[n];
    int[] pi = new int[n];
    int[] labels = new int[n];
    int p = 0;
    for (int m = 0; m < music.length; m++) {
      int c = musicLabels[music[m]];
      for (int k = 0; k < half; k++) {
        pm[p] = m;
        pi[p] = pick(poolByClass[c], rng);
        labels[p++] = 1;
        int other = otherClass(c, rng);
        pm[p] = m;
        pi[p] = pick(poolByClass[other], rng);
        labels[p++] = 0;
      }
    }
    return new PairBatch(music, images.stream().mapToInt(Integer::intValue).toArray(), pm, pi, labels);
  }

  private int otherClass(int c, Random rng) {
    while (true) {
      int o = rng.nextInt(classes);
      if (o != c && imagesByClass[o].length > 0) {
        return o;
      }
    }
  }

  private static int pick(int[] pool, Random rng) {
    return pool[rng.nextInt(pool.length)];
  }

  static int[] permutation(int n, Random rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
