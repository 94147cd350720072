package dev.acpstream.core.image;

import java.nio.FloatBuffer;

/**
 * Pixels to a network input: resize to {@code height x width}, scale, lay out as NHWC with channels in RGB order.
 *
 * <p>Resizing is bilinear with half-pixel centres ({@code tf.image.resize(..., 'bilinear')}, antialias off). When
 * the image is at least twice the target on both axes it is first reduced by an integer box filter, so a 4000 px
 * photo does not alias the way a plain bilinear sample of every 13th pixel would.
 */
public final class TfPreprocessor {

  private final int height;
  private final int width;
  private final PixelScaling scaling;

  public TfPreprocessor(int height, int width, PixelScaling scaling) {
    this.height = height;
    this.width = width;
    this.scaling = scaling;
  }

  public int valuesPerImage() {
    return height * width * 3;
  }

  /** Writes one image's {@code height*width*3} floats into {@code out} from {@code offset}. */
  public void write(DecodedImage image, float[] out, int offset) {
    write(image, FloatBuffer.wrap(out), offset);
  }

  /**
   * Writes into a buffer with absolute puts; a direct buffer lets DJL hand the batch to TensorFlow with a single
   * copy instead of first copying a heap array into a fresh direct buffer.
   */
  public void write(DecodedImage image, FloatBuffer out, int offset) {
    int k = Math.min(image.width() / width, image.height() / height);
    float[] src = k >= 2 ? boxReduce(image, k) : toFloats(image);
    int srcW = k >= 2 ? image.width() / k : image.width();
    int srcH = k >= 2 ? image.height() / k : image.height();
    float sx = (float) srcW / width;
    float sy = (float) srcH / height;
    for (int y = 0; y < height; y++) {
      float fy = clamp((y + 0.5f) * sy - 0.5f, srcH - 1);
      int y0 = (int) fy;
      int y1 = Math.min(y0 + 1, srcH - 1);
      float wy = fy - y0;
      for (int x = 0; x < width; x++) {
        float fx = clamp((x + 0.5f) * sx - 0.5f, srcW - 1);
        int x0 = (int) fx;
        int x1 = Math.min(x0 + 1, srcW - 1);
        float wx = fx - x0;
        int o = offset + (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          float top = src[(y0 * srcW + x0) * 3 + c] * (1 - wx) + src[(y0 * srcW + x1) * 3 + c] * wx;
          float bottom = src[(y1 * srcW + x0) * 3 + c] * (1 - wx) + src[(y1 * srcW + x1) * 3 + c] * wx;
          out.put(o + c, scaling.apply(top * (1 - wy) + bottom * wy));
        }
      }
    }
  }

  private static float clamp(float v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }

  private static float[] toFloats(DecodedImage image) {
    int[] rgb = image.rgb();
    float[] out = new float[rgb.length * 3];
    for (int i = 0; i < rgb.length; i++) {
      out[3 * i] = (rgb[i] >> 16) & 0xFF;
      out[3 * i + 1] = (rgb[i] >> 8) & 0xFF;
      out[3 * i + 2] = rgb[i] & 0xFF;
    }
    return out;
  }

  private static float[] boxReduce(DecodedImage image, int k) {
    int w = image.width() / k;
    int h = image.height() / k;
    float[] out = new float[w * h * 3];
    float norm = 1f / (k * k);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int dy = 0; dy < k; dy++) {
          for (int dx = 0; dx < k; dx++) {
            int p = image.rgbAt(x * k + dx, y * k + dy);
            r += (p >> 16) & 0xFF;
            g += (p >> 8) & 0xFF;
            b += p & 0xFF;
          }
        }
        int o = (y * w + x) * 3;
        out[o] = r * norm;
        out[o + 1] = g * norm;
        out[o + 2] = b * norm;
      }
    }
    return out;
  }
}
