package dev.acpstream.core.image;

/**
 * The EXIF orientation tag (0x0112) of a JPEG and its application. Cameras store pixels as the sensor saw them
 * and record the rotation here; a portrait photo shown without it lies on its side, which changes its
 * composition features. Parsing is bounds-checked throughout: a broken EXIF block means "no orientation".
 */
final class ExifOrientation {

  private ExifOrientation() {}

  /** Orientation 1..8 from the JPEG's APP1 Exif segment, or 1 when absent or unreadable. */
  static int ofJpeg(byte[] jpeg) {
    int pos = 2;
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
      int marker = jpeg[pos + 1] & 0xFF;
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        pos += 2;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return 1; // start of scan: metadata is over
      }
      int length = u16(jpeg, pos + 2, false);
      int body = pos + 4;
      if (marker == 0xE1 && length >= 8 && body + 6 <= jpeg.length
          && jpeg[body] == 'E' && jpeg[body + 1] == 'x' && jpeg[body + 2] == 'i' && jpeg[body + 3] == 'f') {
        int orientation = fromTiff(jpeg, body + 6, Math.min(jpeg.length, pos + 2 + length));
        if (orientation != 0) {
          return orientation;
        }
      }
      pos += 2 + length;
    }
    return 1;
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return 0;
    }
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
      little = true;
    } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
      little = false;
    } else {
      return 0;
    }
    long ifd = tiff + (u32(b, tiff + 4, little) & 0xFFFFFFFFL);
    if (ifd + 2 > end) {
      return 0;
    }
    int entries = u16(b, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        return 0;
      }
      if (u16(b, entry, little) == 0x0112) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 0;
      }
    }
    return 0;
  }

  /** The pixels as they should be shown, for an EXIF orientation 1..8 (as defined in EXIF 2.3, table 4.6.4). */
  static DecodedImage apply(DecodedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    boolean transpose = orientation >= 5;
    int outW = transpose ? h : w;
    int outH = transpose ? w : h;
    int[] out = new int[w * h];
    int[] in = image.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int ox;
        int oy;
        switch (orientation) {
          case 2 -> { ox = w - 1 - x; oy = y; }
          case 3 -> { ox = w - 1 - x; oy = h - 1 - y; }
          case 4 -> { ox = x; oy = h - 1 - y; }
          case 5 -> { ox = y; oy = x; }
          case 6 -> { ox = h - 1 - y; oy = x; }
          case 7 -> { ox = h - 1 - y; oy = w - 1 - x; }
          default -> { ox = y; oy = w - 1 - x; } // 8
        }
        out[oy * outW + ox] = in[y * w + x];
      }
    }
    return new DecodedImage(image.source(), outW, outH, out);
  }

  private static int u16(byte[] b, int i, boolean little) {
    return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
  }

  private static int u32(byte[] b, int i, boolean little) {
    return little ? u16(b, i, true) | u16(b, i + 2, true) << 16 : u16(b, i, false) << 16 | u16(b, i + 2, false);
  }
}
