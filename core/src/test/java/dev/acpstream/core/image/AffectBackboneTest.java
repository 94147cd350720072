package dev.acpstream.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class AffectBackboneTest {

  private final AffectBackbone affect = new AffectBackbone();

  private static DecodedImage image(int w, int h, IntBinaryOperator rgbAt) {
    int[] rgb = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        rgb[y * w + x] = rgbAt.applyAsInt(x, y);
      }
    }
    return new DecodedImage("synthetic", w, h, rgb);
  }

  private static float[] part(float[] v, String component) {
    int offset = AffectDescriptor.offset(component);
    int dim = AffectDescriptor.COMPONENTS.stream().filter(c -> c.name().equals(component)).findFirst().orElseThrow().dim();
    return Arrays.copyOfRange(v, offset, offset + dim);
  }

  @Test
  void layoutIsFortyTwoNamedValues() {
    assertEquals(42, AffectDescriptor.DIM);
    assertEquals(42, affect.dim());
    assertEquals("affect", affect.id());
  }

  @Test
  void pureRedMatchesHandComputedValues() {
    float[] v = affect.features(image(50, 30, (x, y) -> 0xFF0000));
    assertArrayEquals(new float[] {1, 0}, part(v, "hue_circular_mean"), 1e-6f);
    assertArrayEquals(new float[] {1, 0}, part(v, "saturation_mean_std"), 1e-6f);
    assertArrayEquals(new float[] {1, 0}, part(v, "brightness_mean_std"), 1e-6f);
    // Valdez-Mehrabian with V = 1, S = 1.
    assertArrayEquals(new float[] {0.91f, 0.29f, -0.44f}, part(v, "pleasure_arousal_dominance"), 1e-6f);
    // rg = 1, yb = 0.5 everywhere: no spread, M = 0.3 * sqrt(1.25).
    assertEquals(0.3 * Math.sqrt(1.25), part(v, "colourfulness")[0], 1e-6);
    float[] hues = new float[12];
    hues[0] = 1;
    assertArrayEquals(hues, part(v, "hue_histogram"), 1e-6f);
    assertEquals(1, part(v, "warm_fraction")[0], 1e-6);
    assertArrayEquals(new float[] {0, 1}, part(v, "low_high_key"), 1e-6f);
    assertArrayEquals(new float[] {0, 0}, part(v, "contrast"), 1e-4f);
    assertArrayEquals(new float[] {0, 1, 1, 1}, part(v, "glcm"), 1e-6f);
    assertArrayEquals(new float[] {0, 0}, part(v, "edges"), 1e-6f);
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, part(v, "line_orientation"), 1e-6f);
    assertArrayEquals(new float[] {0, 0}, part(v, "centre_saturation_brightness"), 1e-6f);
    assertEquals(Math.log(50.0 / 30), part(v, "log_aspect_ratio")[0], 1e-6);
  }

  @Test
  void greyHasNoHueNoColourfulnessAndDarkerIsLessPleasant() {
    float[] light = affect.features(image(40, 40, (x, y) -> 0xC0C0C0));
    float[] dark = affect.features(image(40, 40, (x, y) -> 0x202020));
    assertArrayEquals(new float[12], part(light, "hue_histogram"), 0f);
    assertEquals(0, part(light, "colourfulness")[0], 1e-6);
    assertTrue(part(dark, "pleasure_arousal_dominance")[0] < part(light, "pleasure_arousal_dominance")[0]);
    assertTrue(part(dark, "pleasure_arousal_dominance")[2] > part(light, "pleasure_arousal_dominance")[2]);
    assertEquals(1, part(dark, "low_high_key")[0], 1e-6);
  }

  @Test
  void stripesGiveLineOrientationAndTexture() {
    float[] horizontal = affect.features(image(64, 64, (x, y) -> (y / 4) % 2 == 0 ? 0xFFFFFF : 0));
    float[] vertical = affect.features(image(64, 64, (x, y) -> (x / 4) % 2 == 0 ? 0xFFFFFF : 0));
    assertTrue(part(horizontal, "line_orientation")[0] > 0.9, Arrays.toString(part(horizontal, "line_orientation")));
    assertTrue(part(vertical, "line_orientation")[2] > 0.9, Arrays.toString(part(vertical, "line_orientation")));
    assertTrue(part(horizontal, "edges")[0] > 0.2);
    assertEquals(0.5, part(horizontal, "contrast")[0], 1e-3); // half black, half white: sd of luma = 0.5
    assertTrue(part(horizontal, "glcm")[0] > 0.05);
  }

  @Test
  void diagonalGradientsGiveDiagonalLines() {
    // y grows downwards: brightness growing to the lower right means a line rising to the upper right.
    assertEquals(3, AffectBackbone.lineBin(1, 1));
    assertEquals(1, AffectBackbone.lineBin(1, -1));
    assertEquals(0, AffectBackbone.lineBin(0.1, 1));
    assertEquals(2, AffectBackbone.lineBin(-1, 0.1));
    float[] rising = affect.features(image(64, 64, (x, y) -> ((x + y) / 6) % 2 == 0 ? 0xFFFFFF : 0));
    assertTrue(part(rising, "line_orientation")[3] > 0.9, Arrays.toString(part(rising, "line_orientation")));
  }

  @Test
  void aBrightCentreShowsInCompositionFeatures() {
    float[] v = affect.features(image(90, 90, (x, y) -> x >= 30 && x < 60 && y >= 30 && y < 60 ? 0xFFFF00 : 0x000040));
    assertTrue(part(v, "centre_saturation_brightness")[1] > 0.5);
    // All edges lie on the central box border; Sobel answers on both sides of it, so about half fall inside.
    assertTrue(part(v, "centre_saliency")[0] > 3.0 / 9, "centre saliency " + part(v, "centre_saliency")[0]);
  }

  @Test
  void isDeterministicFiniteAndDistinguishesTheSamplePhotos() throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    float[] previous = null;
    for (Path photo : Samples.photos()) {
      DecodedImage image = decoder.decode(photo);
      float[] v = affect.features(image);
      assertArrayEquals(v, affect.features(image), 0f, "not deterministic on " + photo);
      for (float x : v) {
        assertTrue(Float.isFinite(x), photo + " gave " + Arrays.toString(v));
      }
      if (previous != null) {
        assertNotEquals(Arrays.toString(previous), Arrays.toString(v));
      }
      previous = v;
    }
  }

  @Test
  void tinyAndThinImagesWork() {
    for (int[] size : new int[][] {{1, 1}, {1, 5000}, {5000, 1}, {3, 2}}) {
      float[] v = affect.features(image(size[0], size[1], (x, y) -> (x * 7 + y * 13) % 2 == 0 ? 0x336699 : 0xFFCC00));
      for (float x : v) {
        assertTrue(Float.isFinite(x), size[0] + "x" + size[1] + ": " + Arrays.toString(v));
      }
    }
  }

  @Test
  void scaledCopiesGiveCloseDescriptors() throws Exception {
    // The descriptor is computed on a <= 256 px working image, so 640 px and its 2x box-downscale agree closely.
    DecodedImage full = new ImageDecoder().decode(Samples.images().resolve("ColorfulCups.jpg"));
    int[] half = new int[320 * 200];
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 320; x++) {
        half[y * 320 + x] = full.rgbAt(2 * x, 2 * y);
      }
    }
    float[] a = affect.features(full);
    float[] b = affect.features(new DecodedImage("half", 320, 200, half));
    assertArrayEquals(part(a, "hue_histogram"), part(b, "hue_histogram"), 0.02f);
    assertArrayEquals(part(a, "pleasure_arousal_dominance"), part(b, "pleasure_arousal_dominance"), 0.02f);
  }
}
