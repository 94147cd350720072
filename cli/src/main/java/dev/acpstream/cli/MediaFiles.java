package dev.acpstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The files a FILE|DIR argument list names: files as given, directories expanded. */
final class MediaFiles {

  private MediaFiles() {}

  /**
   * @throws IllegalArgumentException naming the first path that does not exist
   */
  static List<Path> expand(List<Path> inputs, Function<Path, List<Path>> listDir) {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        files.addAll(listDir.apply(p));
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new IllegalArgumentException(p + ": no such file or directory");
      }
    }
    return files;
  }
}
