package dev.acpstream.core.acpnet;

import java.util.List;

/**
 * The paper's Table 5 probe: an MLP (hidden 512 and 32) trained on one subnetwork's frozen
 * embeddings to name the emotion of an item, so a correspondence score can be explained.
 */
public record EmotionProbe(List<String> classes, Mlp mlp) {

  public static final int[] PAPER_HIDDEN = {512, 32};

  public EmotionProbe {
    classes = List.copyOf(classes);
    if (mlp.reluOnOutput()) {
      throw new IllegalArgumentException("a probe ends in logits, not ReLU");
    }
    if (mlp.out() != classes.size()) {
      throw new IllegalArgumentException("probe gives " + mlp.out() + " outputs for "
          + classes.size() + " classes " + classes);
    }
  }

  public EmotionPrediction predict(float[] embedding) {
    float[] p = Softmax.of(mlp.forward(embedding), 0, classes.size());
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return new EmotionPrediction(classes.get(best), p[best], p);
  }

  /** Predicted class index per row of a row-major block of embeddings. */
  public int[] classify(float[] embeddings, int n) {
    float[] logits = mlp.forward(embeddings, n);
    int c = classes.size();
    int[] out = new int[n];
    for (int r = 0; r < n; r++) {
      int best = 0;
      for (int i = 1; i < c; i++) {
        if (logits[r * c + i] > logits[r * c + best]) {
          best = i;
        }
      }
      out[r] = best;
    }
    return out;
  }

  /** The probe's answer for one item: the winning class, its probability, and all of them. */
  public record EmotionPrediction(String label, float probability, float[] probabilities) {}
}
