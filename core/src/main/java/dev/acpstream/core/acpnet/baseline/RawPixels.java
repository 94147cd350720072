package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.image.DecodedImage;

/**
 * L3-Net's image input: the raw RGB image, the whole frame area-averaged down to
 * {@code side x side} pixels, values in [0, 1], channel-major ({@code [c][y][x]}). No backbone,
 * no colour statistics: what the network learns from is the pixels themselves.
 */
public record RawPixels(int side) {

  /**
   * 64 x 64 x 3 = 12,288 values, L3-Net's vision input here: L3 reads 224 x 224 frames, too many
   * for its conv stack to train on two CPU cores in a session ({@link L3NetConfig#scaled()}).
   */
  public static final RawPixels L3 = new RawPixels(64);

  public RawPixels {
    if (side < 1) {
      throw new IllegalArgumentException("image side must be positive: " + side);
    }
  }

  public int dim() {
    return 3 * side * side;
  }

  public String id() {
    return "raw-rgb-" + side;
  }

  public float[] features(DecodedImage image) {
    double[] sum = new double[dim()];
    double[] area = new double[side * side];
    for (int y = 0; y < image.height(); y++) {
      int cy = (int) ((long) y * side / image.height());
      for (int x = 0; x < image.width(); x++) {
        int cx = (int) ((long) x * side / image.width());
        int rgb = image.rgbAt(x, y);
        int cell = cy * side + cx;
        sum[cell] += (rgb >> 16) & 0xff;
        sum[side * side + cell] += (rgb >> 8) & 0xff;
        sum[2 * side * side + cell] += rgb & 0xff;
        area[cell]++;
      }
    }
    float[] out = new float[dim()];
    for (int c = 0; c < 3; c++) {
      for (int cell = 0; cell < side * side; cell++) {
        // an image smaller than the grid leaves cells empty: they stay black
        double a = area[cell];
        out[c * side * side + cell] = a == 0 ? 0f : (float) (sum[c * side * side + cell] / a / 255.0);
      }
    }
    return out;
  }
}
