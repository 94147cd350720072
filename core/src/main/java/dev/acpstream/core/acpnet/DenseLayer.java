package dev.acpstream.core.acpnet;

import java.util.Arrays;

/**
 * One fully connected layer, y = W x + b, with W stored row-major as [out][in] (the layout of
 * torch.nn.Linear and DJL's Linear). A transposed copy is kept because the batched product below
 * walks W by input row, which the JIT vectorises; a dot-product loop would not be.
 */
public final class DenseLayer {

  private final int in;
  private final int out;
  private final float[] weight;
  private final float[] bias;
  private final float[] weightT;

  public DenseLayer(int in, int out, float[] weight, float[] bias) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("layer sizes must be positive: " + in + "x" + out);
    }
    if (weight.length != in * out) {
      throw new IllegalArgumentException(
          "weight has " + weight.length + " values, expected " + out + "x" + in);
    }
    if (bias.length != out) {
      throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + out);
    }
    this.in = in;
    this.out = out;
    this.weight = weight.clone();
    this.bias = bias.clone();
    this.weightT = new float[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        weightT[i * out + o] = weight[o * in + i];
      }
    }
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }

  public float[] weight() {
    return weight.clone();
  }

  public float[] bias() {
    return bias.clone();
  }

  /**
   * Y = X W^T + b for n rows of X (row-major n x in), optionally followed by ReLU. Input columns
   * {@code [from, from+in)} of a wider X (stride {@code xStride}) may be used, so a layer can read
   * one half of a concatenation without copying it.
   */
  float[] forward(float[] x, int n, int xStride, int from, boolean relu, boolean addBias) {
    float[] y = new float[n * out];
    // Four rows at a time so each weight row is loaded once per four outputs.
    int r = 0;
    for (; r + 4 <= n; r += 4) {
      int y0 = r * out;
      int y1 = y0 + out;
      int y2 = y1 + out;
      int y3 = y2 + out;
      int x0 = r * xStride + from;
      int x1 = x0 + xStride;
      int x2 = x1 + xStride;
      int x3 = x2 + xStride;
      for (int k = 0; k < in; k++) {
        float a0 = x[x0 + k];
        float a1 = x[x1 + k];
        float a2 = x[x2 + k];
        float a3 = x[x3 + k];
        int w = k * out;
        for (int o = 0; o < out; o++) {
          float wk = weightT[w + o];
          y[y0 + o] += a0 * wk;
          y[y1 + o] += a1 * wk;
          y[y2 + o] += a2 * wk;
          y[y3 + o] += a3 * wk;
        }
      }
    }
    for (; r < n; r++) {
      int y0 = r * out;
      int x0 = r * xStride + from;
      for (int k = 0; k < in; k++) {
        float a0 = x[x0 + k];
        int w = k * out;
        for (int o = 0; o < out; o++) {
          y[y0 + o] += a0 * weightT[w + o];
        }
      }
    }
    for (int row = 0; row < n; row++) {
      int base = row * out;
      for (int o = 0; o < out; o++) {
        float v = addBias ? y[base + o] + bias[o] : y[base + o];
        y[base + o] = relu && v < 0f ? 0f : v;
      }
    }
    return y;
  }

  float[] forward(float[] x, int n, boolean relu) {
    return forward(x, n, in, 0, relu, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseLayer d
        && d.in == in
        && d.out == out
        && Arrays.equals(d.weight, weight)
        && Arrays.equals(d.bias, bias);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weight) + Arrays.hashCode(bias);
  }
}
