package dev.acpstream.web;

import java.util.Optional;

/**
 * Tells what an upload is from its first bytes. A browser's declared content type and a file's
 * name both lie often enough (a PNG saved as .jpg, audio sent as application/octet-stream) that
 * the API trusts neither: it accepts or refuses what the bytes say.
 */
public final class MediaSniffer {

  /** An image format the topology decodes, with its MIME type. */
  public enum ImageType {
    JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), GIF("image/gif", "gif"), BMP("image/bmp", "bmp"),
    WEBP("image/webp", "webp");

    public final String mimeType;
    public final String extension;

    ImageType(String mimeType, String extension) {
      this.mimeType = mimeType;
      this.extension = extension;
    }
  }

  /** An audio container core's pure-Java decoders read. */
  public enum AudioType {
    MP3("mp3"), WAV("wav"), FLAC("flac"), OGG("ogg");

    public final String extension;

    AudioType(String extension) {
      this.extension = extension;
    }
  }

  private MediaSniffer() {}

  public static Optional<ImageType> image(byte[] b) {
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(ImageType.JPEG);
    }
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(ImageType.PNG);
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
      return Optional.of(ImageType.GIF);
    }
    if (startsWith(b, 0, 'B', 'M') && b.length >= 26) {
      return Optional.of(ImageType.BMP);
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(ImageType.WEBP);
    }
    return Optional.empty();
  }

  public static Optional<AudioType> audio(byte[] b) {
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'A', 'V', 'E')) {
      return Optional.of(AudioType.WAV);
    }
    if (startsWith(b, 0, 'f', 'L', 'a', 'C')) {
      return Optional.of(AudioType.FLAC);
    }
    if (startsWith(b, 0, 'O', 'g', 'g', 'S')) {
      return Optional.of(AudioType.OGG);
    }
    // ID3v2 tag, or an MPEG audio frame sync (11 set bits) with layer bits not 00.
    if (startsWith(b, 0, 'I', 'D', '3')
        || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) != 0)) {
      return Optional.of(AudioType.MP3);
    }
    return Optional.empty();
  }

  /** What the bytes look like, for an error message: "a JPEG image", "MP3 audio", "text", ... */
  public static String describe(byte[] b) {
    if (b.length == 0) {
      return "empty";
    }
    Optional<ImageType> img = image(b);
    if (img.isPresent()) {
      return "a " + img.get() + " image";
    }
    Optional<AudioType> audio = audio(b);
    if (audio.isPresent()) {
      return audio.get() + " audio";
    }
    if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
      return "a PDF document";
    }
    if (startsWith(b, 0, 'P', 'K', 3, 4)) {
      return "a ZIP archive";
    }
    if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
      return "an ISO media file (HEIC/AVIF/MP4/M4A)";
    }
    int n = Math.min(b.length, 512);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (!(c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F) || c >= 0xC0)) {
        return "unrecognised bytes";
      }
    }
    return "text";
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
