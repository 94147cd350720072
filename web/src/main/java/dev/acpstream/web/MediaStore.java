package dev.acpstream.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Optional;

/**
 * Uploaded media kept on disk: the page shows uploaded images and plays the matched segment of an
 * uploaded song from here (Kafka carries images inline or by reference, and audio only as PCM
 * chunks, so neither can be served back from the topics). A file's name is its id, base64url
 * encoded, so any id maps to one safe name and no request can reach outside the directory.
 */
public final class MediaStore {

  private final Path images;
  private final Path audio;

  public MediaStore(Path mediaDir) throws IOException {
    this.images = Files.createDirectories(mediaDir.resolve("images"));
    this.audio = Files.createDirectories(mediaDir.resolve("audio"));
  }

  /** Where images are kept (the topology's {@code acp.image.reference.roots} must include it). */
  public Path imagesDir() {
    return images;
  }

  public Path saveImage(String mediaId, MediaSniffer.ImageType type, byte[] data) throws IOException {
    Path file = images.resolve(fileName(mediaId, type.extension));
    writeAtomically(file, data);
    return file;
  }

  public Optional<Path> image(String mediaId) {
    for (MediaSniffer.ImageType t : MediaSniffer.ImageType.values()) {
      Path f = images.resolve(fileName(mediaId, t.extension));
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Moves {@code upload} (a temporary file) in as the song {@code trackId}. */
  public Path saveAudio(String trackId, MediaSniffer.AudioType type, InputStream content) throws IOException {
    Path file = audio.resolve(fileName(trackId, type.extension));
    Path tmp = Files.createTempFile(audio, ".upload", ".tmp");
    try {
      Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  public Optional<Path> audio(String trackId) {
    for (MediaSniffer.AudioType t : MediaSniffer.AudioType.values()) {
      Path f = audio.resolve(fileName(trackId, t.extension));
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public void deleteAudio(String trackId) throws IOException {
    Optional<Path> f = audio(trackId);
    if (f.isPresent()) {
      Files.deleteIfExists(f.get());
    }
  }

  private static String fileName(String id, String extension) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8))
        + "." + extension;
  }

  private static void writeAtomically(Path file, byte[] data) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".upload", ".tmp");
    try {
      Files.write(tmp, data);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
