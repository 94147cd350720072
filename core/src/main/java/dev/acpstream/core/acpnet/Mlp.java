package dev.acpstream.core.acpnet;

import java.util.List;

/**
 * A stack of {@link DenseLayer}s with ReLU between them (dropout is a training-time matter and
 * absent here). The last layer's output is linear when {@code reluOnOutput} is false (logits).
 */
public record Mlp(List<DenseLayer> layers, boolean reluOnOutput) {

  public Mlp {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("an MLP needs at least one layer");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).in() != layers.get(i - 1).out()) {
        throw new IllegalArgumentException(
            "layer " + i + " takes " + layers.get(i).in() + " inputs but layer " + (i - 1)
                + " gives " + layers.get(i - 1).out());
      }
    }
  }

  public int in() {
    return layers.get(0).in();
  }

  public int out() {
    return layers.get(layers.size() - 1).out();
  }

  /** Forward pass of n rows (row-major n x in). */
  public float[] forward(float[] x, int n) {
    if (x.length != n * in()) {
      throw new IllegalArgumentException("input has " + x.length + " values, expected " + n + "x" + in());
    }
    float[] h = x;
    for (int i = 0; i < layers.size(); i++) {
      boolean last = i == layers.size() - 1;
      h = layers.get(i).forward(h, n, !last || reluOnOutput);
    }
    return h;
  }

  public float[] forward(float[] x) {
    return forward(x, 1);
  }
}
