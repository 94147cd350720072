package dev.acpstream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The media files of a directory that acp-stream can ingest, with their MIME type or encoding. */
final class SampleMedia {

  private static final Map<String, String> IMAGE_TYPES =
      Map.of(
          "jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png", "gif", "image/gif",
          "bmp", "image/bmp", "webp", "image/webp");

  private static final Map<String, String> AUDIO_ENCODINGS =
      Map.of("mp3", "MP3", "wav", "WAV", "flac", "FLAC", "ogg", "OGG", "oga", "OGG");

  private SampleMedia() {}

  /** The bundled samples: {@code samples/} under the installation that {@code bin/acp} names. */
  static Path defaultSamplesDir() {
    String home = System.getProperty("acp.home");
    return (home == null ? Path.of("") : Path.of(home)).resolve("samples").toAbsolutePath();
  }

  static List<Path> images(Path dir) {
    return list(dir, IMAGE_TYPES);
  }

  static List<Path> audio(Path dir) {
    return list(dir, AUDIO_ENCODINGS);
  }

  static String contentType(Path file) {
    return IMAGE_TYPES.getOrDefault(extension(file), "application/octet-stream");
  }

  /** The AudioEncoding symbol for a container file, e.g. "MP3". */
  static String audioEncoding(Path file) {
    String enc = AUDIO_ENCODINGS.get(extension(file));
    if (enc == null) {
      throw new IllegalArgumentException(file + ": not an audio file acp-stream reads (mp3, wav, flac, ogg)");
    }
    return enc;
  }

  private static List<Path> list(Path dir, Map<String, String> known) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> known.containsKey(extension(f))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
