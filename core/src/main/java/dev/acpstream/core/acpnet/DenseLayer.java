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
    // Inputs are mostly ReLU outputs, about half zeros: each row's non-zero inputs are gathered
    // first (without a branch the CPU could mispredict) and only their weight rows are added,
    // which measured twice as fast as the dense loop.
    int[] idx = new int[in];
    float[] val = new float[in];
    for (int r = 0; r < n; r++) {
      int y0 = r * out;
      int x0 = r * xStride + from;
      int nnz = 0;
      for (int k = 0; k < in; k++) {
        float a = x[x0 + k];
        idx[nnz] = k;
        val[nnz] = a;
        nnz += a != 0f ? 1 : 0;
      }
      for (int t = 0; t < nnz; t++) {
        float a = val[t];
        int w = idx[t] * out;
        for (int o = 0; o < out; o++) {
          y[y0 + o] += a * weightT[w + o];
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
