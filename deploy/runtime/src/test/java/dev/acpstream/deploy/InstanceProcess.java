package dev.acpstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@link TopologyService} in its own JVM, started the way a container starts it (environment
 * only), that the test can stop cleanly (SIGTERM) or kill (SIGKILL, as {@code kill -9}).
 *
 * <p>The JVM runs under a small {@code sh} watchdog that holds a pipe from this JVM on its standard
 * input and SIGKILLs the instance when the pipe closes, which the kernel does however this JVM
 * ends: an aborted test run leaves no instance behind.
 */
final class InstanceProcess implements AutoCloseable {

  private static final String WATCHDOG =
      "exec 3<&0\n"
          + "\"$@\" 3<&- < /dev/null & server=$!\n"
          + "( while read -r _; do :; done <&3; kill -KILL \"$server\" 2> /dev/null ) & guard=$!\n"
          + "exec 3<&-\n"
          + "wait \"$server\"; status=$?\n"
          + "kill \"$guard\" 2> /dev/null\n"
          + "exit \"$status\"\n";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process watchdog;
  private final ProcessHandle jvm;
  private final Path log;
  private final int healthPort;

  private InstanceProcess(String name, Process watchdog, ProcessHandle jvm, Path log, int healthPort) {
    this.name = name;
    this.watchdog = watchdog;
    this.jvm = jvm;
    this.log = log;
    this.healthPort = healthPort;
  }

  /** Starts {@code TopologyService} with this JVM's classpath and {@code env} added to this JVM's environment. */
  static InstanceProcess start(String name, Map<String, String> env, int healthPort, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, name, java,
        "-Xmx512m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dai.djl.offline=true", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), TopologyService.class.getName()));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      b.environment().putAll(env);
      b.environment().put("OPT_OUT_TRACKING", "true");
      Process watchdog = b.start();
      ProcessHandle jvm = awaitChild(watchdog);
      return new InstanceProcess(name, watchdog, jvm, log, healthPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static ProcessHandle awaitChild(Process watchdog) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> java = watchdog.children()
          .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
      if (java.isPresent()) {
        return java.get();
      }
      if (!watchdog.isAlive()) {
        break;
      }
      sleep(20);
    }
    watchdog.destroyForcibly();
    throw new IllegalStateException("the instance's JVM did not start (watchdog exited: " + !watchdog.isAlive() + ")");
  }

  String name() {
    return name;
  }

  long pid() {
    return jvm.pid();
  }

  boolean isAlive() {
    return jvm.isAlive();
  }

  /** GET /health/ready: the HTTP status and body, or empty when the endpoint does not answer. */
  Optional<HttpResponse<String>> ready() {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + HealthEndpoint.READY))
          .timeout(Duration.ofSeconds(2)).GET().build();
      return Optional.of(HTTP.send(r, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Waits until /health/ready answers 200; returns its body (the task list). */
  String awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException(name + " exited before it was ready; log " + log + ":\n" + logTail());
      }
      Optional<HttpResponse<String>> r = ready();
      if (r.isPresent() && r.get().statusCode() == 200) {
        return r.get().body();
      }
      sleep(100);
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; log " + log + ":\n" + logTail());
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, no clean close, an open transaction left behind. */
  void kill9() {
    jvm.destroyForcibly();
    awaitGone(Duration.ofSeconds(10));
  }

  /** SIGTERM: Kafka Streams closes cleanly. */
  void stop() {
    jvm.destroy();
    if (!awaitGone(Duration.ofSeconds(40))) {
      kill9();
    }
  }

  private boolean awaitGone(Duration timeout) {
    try {
      jvm.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      watchdog.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !jvm.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String logTail() {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (jvm.isAlive()) {
      stop();
    }
    try {
      watchdog.getOutputStream().close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
