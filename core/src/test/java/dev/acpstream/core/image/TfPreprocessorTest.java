package dev.acpstream.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Resize, scaling and channel order checked against values worked out by hand. */
class TfPreprocessorTest {

  @Test
  void bilinearHalfPixelUpscaleOfTwoPixelsToFour() {
    // Source x for target x: (x + 0.5) * 2/4 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    // Black -> white gives 0, 63.75, 191.25, 255, i.e. -1, -0.5, 0.5, 1 in [-1, 1].
    DecodedImage image = new DecodedImage("2x1", 2, 1, new int[] {0x000000, 0xFFFFFF});
    float[] out = new float[4 * 3];
    new TfPreprocessor(1, 4, PixelScaling.MINUS_ONE_TO_ONE).write(image, out, 0);
    assertArrayEquals(new float[] {-1, -1, -1, -0.5f, -0.5f, -0.5f, 0.5f, 0.5f, 0.5f, 1, 1, 1}, out, 1e-6f);
  }

  @Test
  void channelsAreRgbInNhwcOrder() {
    // One red, one green, one blue, one 51/102/153 pixel kept at their size: layout [y][x][r,g,b].
    DecodedImage image = new DecodedImage("2x2", 2, 2, new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0x336699});
    float[] out = new float[2 + 2 * 2 * 3];
    new TfPreprocessor(2, 2, PixelScaling.ZERO_TO_ONE).write(image, out, 2);
    assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2f, 0.4f, 0.6f}, out, 1e-6f);
  }

  @Test
  void inceptionScalingMapsEndpointsAndMidGrey() {
    assertEquals(-1f, PixelScaling.MINUS_ONE_TO_ONE.apply(0), 0f);
    assertEquals(1f, PixelScaling.MINUS_ONE_TO_ONE.apply(255), 0f);
    assertEquals(0f, PixelScaling.MINUS_ONE_TO_ONE.apply(127.5f), 0f);
  }

  @Test
  void largeImagesAreBoxReducedBeforeBilinear() {
    // 4x4 checkerboard of 2x2 blocks to 2x2: factor 2, each box averages one block exactly: no aliasing.
    int[] rgb = new int[16];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        rgb[y * 4 + x] = ((x / 2 + y / 2) % 2 == 0) ? 0xFFFFFF : 0x000000;
      }
    }
    float[] out = new float[2 * 2 * 3];
    new TfPreprocessor(2, 2, PixelScaling.ZERO_TO_ONE).write(new DecodedImage("4x4", 4, 4, rgb), out, 0);
    assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1}, out, 1e-6f);

    // A 1-px checkerboard reduced 2x becomes uniform grey, where plain bilinear sampling would alias.
    for (int i = 0; i < 16; i++) {
      rgb[i] = ((i % 4 + i / 4) % 2 == 0) ? 0xFFFFFF : 0;
    }
    new TfPreprocessor(2, 2, PixelScaling.ZERO_TO_ONE).write(new DecodedImage("fine", 4, 4, rgb), out, 0);
    for (float v : out) {
      assertEquals(0.5f, v, 1e-6f);
    }
  }

  @Test
  void inceptionSizeFromASamplePhoto() throws Exception {
    DecodedImage photo = new ImageDecoder().decode(Samples.images().resolve("Kite.jpg"));
    TfPreprocessor pre = new TfPreprocessor(299, 299, PixelScaling.MINUS_ONE_TO_ONE);
    float[] out = new float[pre.valuesPerImage()];
    pre.write(photo, out, 0);
    // 640x400 -> 299x299 is a downscale by 2.14 x 1.34: no box step, so the top-left value is a bilinear mix of
    // source pixels (0..1, 0..1) at (0.570, 0.169).
    float fx = 0.5f * 640 / 299 - 0.5f;
    float fy = 0.5f * 400 / 299 - 0.5f;
    float r = 0;
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        float w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
        r += w * ((photo.rgbAt(dx, dy) >> 16) & 0xFF);
      }
    }
    assertEquals(r / 127.5f - 1, out[0], 1e-5f);
  }
}
