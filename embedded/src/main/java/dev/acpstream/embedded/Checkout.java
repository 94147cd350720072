package dev.acpstream.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the acp-stream checkout around a directory, for the launchers of deploy/'s servers. */
final class Checkout {

  /* A file only an acp-stream checkout has; the launchers need what lies beside it. */
  private static final String MARKER = "deploy/registry/pom.xml";

  private Checkout() {}

  /** The first directory at or above {@code dir} that is an acp-stream checkout. */
  static Optional<Path> around(Path dir) {
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(MARKER))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
