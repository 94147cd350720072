package dev.acpstream.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a separate OS process that cannot outlive the JVM that started it, with all
 * of its output in a log file.
 *
 * <p>A shutdown hook alone leaves an orphan when this JVM is killed with SIGKILL (an aborted test
 * run, a crashed IDE). So the server runs under a small {@code sh} watchdog that holds this JVM's
 * pipe on its standard input: the kernel closes that pipe however this JVM ends, the watchdog then
 * reads end-of-file and stops the server. {@link #close()} uses the same path, so a normal stop and
 * a crash stop behave alike. The server itself gets {@code /dev/null} as input (POSIX shells give
 * background jobs that), so it never consumes the pipe.
 */
final class ChildProcess implements AutoCloseable {

  /*
   * "$@" is the server's command line. The guard reads the pipe through fd 3 because POSIX shells
   * give background jobs /dev/null as standard input; it uses the builtin read so that killing it
   * leaves no process behind. The watchdog exits with the server's status, so a server that dies
   * on its own is seen as dead. SIGTERM lets Kafka and Quarkus shut down cleanly; stop() escalates
   * to SIGKILL when that takes too long.
   */
  private static final String WATCHDOG =
      "exec 3<&0\n"
          + "\"$@\" 3<&- & server=$!\n"
          + "( while read -r _; do :; done <&3; kill -TERM \"$server\" 2> /dev/null ) & guard=$!\n"
          + "exec 3<&-\n"
          + "wait \"$server\"; status=$?\n"
          + "kill \"$guard\" 2> /dev/null\n"
          + "exit \"$status\"\n";

  private final String name;
  private final Process watchdog;
  private final Path logFile;
  private final Thread shutdownHook;

  private ChildProcess(String name, Process watchdog, Path logFile) {
    this.name = name;
    this.watchdog = watchdog;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::stopQuietly, "stop-" + name);
  }

  /**
   * Starts {@code command} in {@code workDir} with its standard output and error appended to
   * {@code logFile}.
   */
  static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
    return start(name, command, Map.of(), workDir, logFile);
  }

  /** As {@link #start(String, List, Path, Path)}, adding {@code environment} to this JVM's. */
  static ChildProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Path logFile) {
    Objects.requireNonNull(name, "name");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command line for " + name);
    }
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", WATCHDOG, name));
    wrapped.addAll(command);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(wrapped)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      ChildProcess child = new ChildProcess(name, process, logFile);
      Runtime.getRuntime().addShutdownHook(child.shutdownHook);
      return child;
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name + ": " + command, e);
    }
  }

  /** The file that receives the server's console output. */
  Path logFile() {
    return logFile;
  }

  /** True while the server (or its watchdog) is running. */
  boolean isAlive() {
    return watchdog.isAlive();
  }

  /** The watchdog's exit code; only meaningful once {@link #isAlive()} is false. */
  int exitValue() {
    return watchdog.exitValue();
  }

  /** The last {@code maxChars} characters of the log, for error messages. */
  String logTail(int maxChars) {
    try {
      String log = Files.readString(logFile, StandardCharsets.UTF_8);
      return log.length() <= maxChars ? log : "..." + log.substring(log.length() - maxChars);
    } catch (IOException e) {
      return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the server: a clean shutdown first, then SIGKILL for whatever is left after {@code
   * grace}. Returns once the process tree is gone.
   */
  void stop(Duration grace) {
    try {
      watchdog.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the watchdog is stopping the server anyway.
    }
    try {
      if (!watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void stopQuietly() {
    stop(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook is running or has run.
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + watchdog.pid() + ", log " + logFile + ")";
  }
}
