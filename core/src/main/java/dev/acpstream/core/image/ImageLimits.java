package dev.acpstream.core.image;

/**
 * What the decoder accepts before it allocates any pixel memory. Both are checked from the file size and the
 * image header, so a decompression bomb (a tiny file declaring 60000x60000 pixels) is refused in microseconds.
 *
 * @param maxBytes largest encoded file read
 * @param maxPixels largest {@code width * height} decoded; decoding needs about 8 bytes per pixel
 */
public record ImageLimits(long maxBytes, long maxPixels) {

  /** 64 MiB files, 40 megapixels (a 7680x5200 photo, about 320 MB while decoding). */
  public static final ImageLimits DEFAULT = new ImageLimits(64L << 20, 40_000_000L);

  public ImageLimits {
    if (maxBytes <= 0 || maxPixels <= 0) {
      throw new IllegalArgumentException("image limits must be positive: " + maxBytes + " bytes, " + maxPixels + " pixels");
    }
  }
}
