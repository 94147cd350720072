package dev.acpstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog's promise: a server never outlives the JVM that started it. */
class ChildProcessTest {

  @Test
  void closeStopsTheServer(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("server.pid");
    ChildProcess child = ChildProcess.start("sleeper", sleeper(pidFile), dir, dir.resolve("log"));
    ProcessHandle server = awaitPid(pidFile);
    child.close();
    assertFalse(child.isAlive());
    assertTrue(server.onExit().get(10, TimeUnit.SECONDS) != null && !server.isAlive());
  }

  @Test
  void aServerThatExitsOnItsOwnIsSeenAsDeadWithItsExitCode(@TempDir Path dir) throws Exception {
    try (ChildProcess child =
        ChildProcess.start(
            "failing", List.of("sh", "-c", "echo broken; exit 7"), dir, dir.resolve("log"))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(child.isAlive());
      assertEquals(7, child.exitValue());
      assertTrue(child.logTail(100).contains("broken"), child.logTail(100));
    }
  }

  /* SIGKILL skips shutdown hooks; only the closed pipe can stop the server then. */
  @Test
  void theServerDiesWhenItsParentJvmIsKilled(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("server.pid");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process parent =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StartsASleeperAndWaits.class.getName(),
                pidFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("parent.log").toFile())
            .start();
    try {
      ProcessHandle server = awaitPid(pidFile);
      assertTrue(server.isAlive());
      parent.destroyForcibly(); // SIGKILL
      parent.waitFor(10, TimeUnit.SECONDS);
      server.onExit().get(20, TimeUnit.SECONDS);
      assertFalse(server.isAlive());
    } finally {
      parent.destroyForcibly();
    }
  }

  private static List<String> sleeper(Path pidFile) {
    return List.of("sh", "-c", "echo $$ > '" + pidFile + "'; exec sleep 300");
  }

  private static ProcessHandle awaitPid(Path pidFile) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile)) {
        String pid = Files.readString(pidFile).trim();
        if (!pid.isEmpty()) {
          Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
          if (handle.isPresent()) {
            return handle.get();
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server never wrote " + pidFile);
  }

  /** The parent JVM of the kill test: starts a sleeping server, then waits to be killed. */
  static final class StartsASleeperAndWaits {
    public static void main(String[] args) throws InterruptedException {
      Path pidFile = Path.of(args[0]);
      ChildProcess.start("sleeper", sleeper(pidFile), pidFile.getParent(), pidFile.resolveSibling("log"));
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
