package dev.acpstream.core.image;

/**
 * The image the affect descriptor measures: at most {@link #MAX_SIDE} pixels on its longer side, as float RGB in
 * [0,1]. Larger images are reduced by an integer box filter (averaging k x k blocks), which keeps colour
 * statistics exact up to rounding and makes the cost of the descriptor independent of the input size.
 */
final class WorkingImage {

  static final int MAX_SIDE = 256;

  final int width;
  final int height;
  final float[] r;
  final float[] g;
  final float[] b;

  private WorkingImage(int width, int height) {
    this.width = width;
    this.height = height;
    int n = width * height;
    r = new float[n];
    g = new float[n];
    b = new float[n];
  }

  static WorkingImage of(DecodedImage image) {
    int k = (Math.max(image.width(), image.height()) + MAX_SIDE - 1) / MAX_SIDE;
    // A very thin image keeps its one row or column: the block never reaches past the source.
    int kx = Math.min(k, image.width());
    int ky = Math.min(k, image.height());
    int w = image.width() / kx;
    int h = image.height() / ky;
    WorkingImage out = new WorkingImage(w, h);
    int[] rgb = image.rgb();
    int srcW = image.width();
    float norm = 1f / (255f * kx * ky);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sr = 0;
        int sg = 0;
        int sb = 0;
        for (int dy = 0; dy < ky; dy++) {
          int row = (y * ky + dy) * srcW + x * kx;
          for (int dx = 0; dx < kx; dx++) {
            int p = rgb[row + dx];
            sr += (p >> 16) & 0xFF;
            sg += (p >> 8) & 0xFF;
            sb += p & 0xFF;
          }
        }
        int i = y * w + x;
        out.r[i] = sr * norm;
        out.g[i] = sg * norm;
        out.b[i] = sb * norm;
      }
    }
    return out;
  }
}
