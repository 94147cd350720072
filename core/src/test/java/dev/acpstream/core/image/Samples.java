package dev.acpstream.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the tests find the committed sample photos and format fixtures. */
final class Samples {

  private Samples() {}

  static Path projectDir() {
    String dir = System.getProperty("acp.project.dir");
    return dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
  }

  static Path images() {
    return projectDir().resolve("samples/images");
  }

  static Path format(String name) {
    return images().resolve("formats").resolve(name);
  }

  static List<Path> photos() throws java.io.IOException {
    try (Stream<Path> files = Files.list(images())) {
      return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
  }
}
