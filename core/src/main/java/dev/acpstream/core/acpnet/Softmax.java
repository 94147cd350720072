package dev.acpstream.core.acpnet;

/** Numerically stable softmax over a slice. */
final class Softmax {

  private Softmax() {}

  static float[] of(float[] logits, int from, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[from + i]);
    }
    double sum = 0;
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) Math.exp(logits[from + i] - max);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= (float) sum;
    }
    return p;
  }

  /** P(class 1) of a two-class softmax: the logistic of the logit difference. */
  static float trueProbability(float falseLogit, float trueLogit) {
    return (float) (1.0 / (1.0 + Math.exp(falseLogit - trueLogit)));
  }
}
