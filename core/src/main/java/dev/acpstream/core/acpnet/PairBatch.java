package dev.acpstream.core.acpnet;

/**
 * One training batch: the distinct items it embeds and the pairs it scores.
 *
 * @param music indices of music items (into the sampler's music set)
 * @param images indices of image items
 * @param pairMusic for each pair, a position in {@code music}
 * @param pairImage for each pair, a position in {@code images}
 * @param labels 1 for a true correspondence (same class), 0 for false
 */
public record PairBatch(int[] music, int[] images, int[] pairMusic, int[] pairImage, int[] labels) {

  public int pairs() {
    return labels.length;
  }
}
