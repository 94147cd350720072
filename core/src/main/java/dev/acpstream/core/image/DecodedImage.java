package dev.acpstream.core.image;

/**
 * An image after decoding, orientation and alpha handling: {@code width x height} opaque sRGB pixels packed as
 * {@code 0xRRGGBB}, row-major, top row first. {@code source} names where it came from, for error messages.
 */
public record DecodedImage(String source, int width, int height, int[] rgb) {

  public DecodedImage {
    if (width <= 0 || height <= 0 || rgb.length != width * height) {
      throw new IllegalArgumentException(
          source + ": " + width + "x" + height + " image with " + rgb.length + " pixels");
    }
  }

  public int rgbAt(int x, int y) {
    return rgb[y * width + x];
  }
}
