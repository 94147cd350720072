package dev.acpstream.embedded;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A dynamic class-data-sharing archive (JDK 13+) for a Java app: recorded when the app exits after
 * its first run, mapped in by later runs.
 *
 * <p>Why: the registry spends most of its start loading classes from some 290 jars; with the
 * archive it started in about half the time here, and every test class that needs a registry pays
 * that start. The archive is named after the JVM version and is only used while it is newer than
 * the app's jar, so a rebuilt app or another JDK records a fresh one. A damaged archive is not
 * fatal: the JVM then warns (into the app's log) and runs without it.
 */
final class ClassArchive {

  private final Path appJar;
  private final Path archive;
  private final Path recording;

  private ClassArchive(Path appJar, Path archive, Path recording) {
    this.appJar = appJar;
    this.archive = archive;
    this.recording = recording;
  }

  /** The archive for {@code appJar}, kept beside it. */
  static ClassArchive beside(Path appJar) {
    String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    Path archive = appJar.resolveSibling("acp-cds-" + jdk + ".jsa");
    // Unique per run: parallel test JVMs, or two registries in one JVM, must not write one file.
    String run = ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path recording = appJar.resolveSibling("acp-cds-" + jdk + "." + run + ".recording");
    return new ClassArchive(appJar, archive, recording);
  }

  /** JVM options for the next run: use the archive, or record one, or (read-only app) neither. */
  List<String> jvmOptions() {
    if (isCurrent()) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    if (Files.isWritable(appJar.getParent())) {
      return List.of("-XX:ArchiveClassesAtExit=" + recording);
    }
    return List.of();
  }

  /**
   * After the run exits: keeps what it recorded when it ended cleanly ({@code cleanExit}), else
   * drops it, since a JVM killed while writing leaves a truncated archive.
   */
  void publish(boolean cleanExit) {
    try {
      if (cleanExit && Files.isRegularFile(recording) && Files.size(recording) > 0) {
        try {
          Files.move(
              recording,
              archive,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.deleteIfExists(recording);
    } catch (IOException e) {
      // Only a lost speed-up: the next run records again.
    }
  }

  /** The archive file (present once a run has recorded it). */
  Path file() {
    return archive;
  }

  private boolean isCurrent() {
    try {
      return Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(appJar)) > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
