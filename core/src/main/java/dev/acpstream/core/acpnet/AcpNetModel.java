package dev.acpstream.core.acpnet;

import dev.acpstream.core.acpnet.ItemEmbedding.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scoring with a trained ACP-Net in plain Java (no engine): embed each item once, then score
 * pairs with the fusion network alone.
 *
 * <p>The first fusion layer acts on the concatenation [image; music], so W [i; m] + b = W_i i +
 * (W_m m + b): each side's half is computed once per item at embedding time and a pair costs one
 * vector add plus the remaining fusion layers. Thread-safe and immutable.
 */
public final class AcpNetModel {

  /** Pairs per block in batched scoring: small enough for the activations to stay in cache. */
  private static final int BLOCK = 256;

  private final AcpNetWeights weights;
  private final DenseLayer fusionImageHalf;
  private final DenseLayer fusionMusicHalf;
  private final Mlp fusionRest;

  public AcpNetModel(AcpNetWeights weights) {
    this.weights = weights;
    DenseLayer first = weights.fusion().layers().get(0);
    int e = weights.config().embeddingDim();
    int out = first.out();
    float[] w = first.weight();
    float[] wi = new float[out * e];
    float[] wm = new float[out * e];
    for (int o = 0; o < out; o++) {
      System.arraycopy(w, o * 2 * e, wi, o * e, e);
      System.arraycopy(w, o * 2 * e + e, wm, o * e, e);
    }
    this.fusionImageHalf = new DenseLayer(e, out, wi, new float[out]);
    this.fusionMusicHalf = new DenseLayer(e, out, wm, first.bias());
    List<DenseLayer> rest = weights.fusion().layers().subList(1, weights.fusion().layers().size());
    this.fusionRest = rest.isEmpty() ? null : new Mlp(rest, false);
  }

  public AcpNetWeights weights() {
    return weights;
  }

  public AcpNetConfig config() {
    return weights.config();
  }

  public ItemEmbedding embedImage(float[] backboneFeatures) {
    return embedImages(new float[][] {backboneFeatures}).get(0);
  }

  public ItemEmbedding embedMusic(float[] musicFeatures) {
    return embedMusics(new float[][] {musicFeatures}).get(0);
  }

  public List<ItemEmbedding> embedImages(float[][] backboneFeatures) {
    return embed(Modality.IMAGE, backboneFeatures, weights.imageNorm(), weights.image(),
        fusionImageHalf, weights.imageProbe());
  }

  public List<ItemEmbedding> embedMusics(float[][] musicFeatures) {
    return embed(Modality.MUSIC, musicFeatures, weights.musicNorm(), weights.music(),
        fusionMusicHalf, weights.musicProbe());
  }

  private static List<ItemEmbedding> embed(Modality modality, float[][] rows, Standardizer norm,
      Mlp net, DenseLayer half, EmotionProbe probe) {
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != norm.dim()) {
        throw new IllegalArgumentException(modality.name().toLowerCase() + " item " + r + " has "
            + rows[r].length + " features; this model expects " + norm.dim());
      }
      for (float v : rows[r]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(modality.name().toLowerCase() + " item " + r
              + " has a non-finite feature value");
        }
      }
    }
    int n = rows.length;
    float[] emb = net.forward(norm.applyAll(rows), n);
    int e = net.out();
    float[] partial = half.forward(emb, n, e, 0, false, true);
    int p = half.out();
    List<ItemEmbedding> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      float[] er = new float[e];
      System.arraycopy(emb, r * e, er, 0, e);
      float[] pr = new float[p];
      System.arraycopy(partial, r * p, pr, 0, p);
      out.add(new ItemEmbedding(modality, er, pr, probe == null ? null : probe.predict(er)));
    }
    return out;
  }

  /** P(true correspondence) of one image-music pair. */
  public float score(ItemEmbedding image, ItemEmbedding music) {
    return scorePairs(List.of(image), List.of(music))[0];
  }

  /** P(true) for the pairs (images[i], music[i]), batched. */
  public float[] scorePairs(List<ItemEmbedding> images, List<ItemEmbedding> music) {
    if (images.size() != music.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + music.size() + " music items");
    }
    for (int i = 0; i < images.size(); i++) {
      requireModality(images.get(i), Modality.IMAGE, i);
      requireModality(music.get(i), Modality.MUSIC, i);
    }
    int n = images.size();
    float[] out = new float[n];
    int blocks = (n + BLOCK - 1) / BLOCK;
    IntStream range = IntStream.range(0, blocks);
    (blocks > 2 ? range.parallel() : range).forEach(b -> {
      int from = b * BLOCK;
      int to = Math.min(n, from + BLOCK);
      scoreBlock(images, music, from, to, out);
    });
    return out;
  }

  /** One image against many music items, e.g. a catalogue. */
  public float[] scoreAgainst(ItemEmbedding image, List<ItemEmbedding> music) {
    return scorePairs(java.util.Collections.nCopies(music.size(), image), music);
  }

  /** The score of a pair with each side's probe emotion, so a user can see why. */
  public Explanation explain(ItemEmbedding image, ItemEmbedding music) {
    return new Explanation(score(image, music), image.emotion(), music.emotion());
  }

  private void scoreBlock(List<ItemEmbedding> images, List<ItemEmbedding> music, int from, int to,
      float[] out) {
    int m = to - from;
    int h = fusionMusicHalf.out();
    float[] h1 = new float[m * h];
    for (int r = 0; r < m; r++) {
      float[] a = images.get(from + r).fusionPartial();
      float[] b = music.get(from + r).fusionPartial();
      int base = r * h;
      for (int j = 0; j < h; j++) {
        float v = a[j] + b[j];
        h1[base + j] = v > 0f ? v : 0f;
      }
    }
    float[] logits = fusionRest == null ? h1 : fusionRest.forward(h1, m);
    for (int r = 0; r < m; r++) {
      out[from + r] = Softmax.trueProbability(logits[2 * r], logits[2 * r + 1]);
    }
  }

  private void requireModality(ItemEmbedding item, Modality expected, int index) {
    if (item.modality() != expected) {
      throw new IllegalArgumentException("pair " + index + ": expected a " + expected
          + " embedding, got " + item.modality());
    }
    if (item.fusionPartial().length != fusionMusicHalf.out()) {
      throw new IllegalArgumentException("pair " + index + ": embedding from a different model ("
          + item.fusionPartial().length + " fusion inputs, this model has " + fusionMusicHalf.out() + ")");
    }
  }

  /** A pair's score with the emotions that explain it (null where the model has no probe). */
  public record Explanation(float trueProbability, EmotionProbe.EmotionPrediction imageEmotion,
      EmotionProbe.EmotionPrediction musicEmotion) {}
}
