package dev.acpstream.core.image;

import java.util.Optional;

/**
 * The formats we decode, told apart by their signature bytes rather than a file name or a declared content type,
 * both of which lie often enough.
 */
public enum ImageFormat {
  JPEG("jpeg"),
  PNG("png"),
  GIF("gif"),
  BMP("bmp"),
  WEBP("webp");

  /** The ImageIO format name whose reader decodes it. */
  final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  static Optional<ImageFormat> sniff(byte[] b) {
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
      return Optional.of(GIF);
    }
    if (startsWith(b, 0, 'B', 'M') && b.length >= 26) {
      return Optional.of(BMP);
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  /** A guess at what a non-image is, so the error can say "this is MP3 audio" rather than just "unknown". */
  static String describeOther(byte[] b) {
    if (startsWith(b, 0, 'I', 'D', '3') || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
      return "MP3 audio";
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'A', 'V', 'E')) {
      return "WAV audio";
    }
    if (startsWith(b, 0, 'f', 'L', 'a', 'C')) {
      return "FLAC audio";
    }
    if (startsWith(b, 0, 'O', 'g', 'g', 'S')) {
      return "Ogg media";
    }
    if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
      return "a PDF document";
    }
    if (startsWith(b, 0, 'P', 'K', 3, 4)) {
      return "a ZIP archive";
    }
    if (startsWith(b, 0, 'I', 'I', '*', 0) || startsWith(b, 0, 'M', 'M', 0, '*')) {
      return "TIFF (not supported)";
    }
    if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
      return "an ISO media file (HEIC/AVIF/MP4, not supported)";
    }
    int printable = 0;
    int n = Math.min(b.length, 512);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F) || c >= 0xC0) {
        printable++;
      }
    }
    return printable == n ? "text" : "unrecognised bytes";
  }

  private static boolean startsWith(byte[] b, int offset, int... signature) {
    if (b.length < offset + signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((b[offset + i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
