package dev.acpstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

  @Test
  void recordsOnTheFirstRunAndMapsTheArchiveOnLaterOnes(@TempDir Path app) throws Exception {
    Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
    // A real recording ends long after the build; file times can be coarse.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    ClassArchive archive = ClassArchive.beside(jar);

    Path recording = recordingPath(archive.jvmOptions());
    Files.writeString(recording, "recorded classes");
    archive.publish(true);

    assertFalse(Files.exists(recording));
    assertTrue(Files.isRegularFile(archive.file()));
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive.file()), archive.jvmOptions());
  }

  @Test
  void aRebuiltAppRecordsAgain(@TempDir Path app) throws Exception {
    Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
    ClassArchive archive = ClassArchive.beside(jar);
    Files.writeString(recordingPath(archive.jvmOptions()), "recorded classes");
    archive.publish(true);

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    recordingPath(archive.jvmOptions());
  }

  @Test
  void aRunThatDidNotEndCleanlyLeavesNoArchive(@TempDir Path app) throws Exception {
    Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
    ClassArchive archive = ClassArchive.beside(jar);
    Path recording = recordingPath(archive.jvmOptions());
    Files.writeString(recording, "truncat");

    archive.publish(false);

    assertFalse(Files.exists(recording));
    assertFalse(Files.exists(archive.file()));
  }

  private static Path recordingPath(List<String> options) {
    assertEquals(1, options.size(), options.toString());
    String option = options.get(0);
    String prefix = "-XX:ArchiveClassesAtExit=";
    assertTrue(option.startsWith(prefix), option);
    return Path.of(option.substring(prefix.length()));
  }
}
