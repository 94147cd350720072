package dev.acpstream.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real schema registry (Apicurio Registry 2.4.2, in-memory storage) as a child process on a
 * random loopback port, for tests and local runs.
 *
 * <p>It runs the Quarkus app that the {@code deploy/registry} module builds; clients talk to its
 * Confluent-compatible API at {@link #url()}, which is the value for {@code schema.registry.url}.
 * The app is found through the system property {@value #HOME_PROPERTY} (its {@code quarkus-app}
 * directory) or, failing that, by walking up from the working directory to the checkout's {@code
 * deploy/registry/target/quarkus-app}. The registry's console output goes to a log file under
 * {@code target/}, never to this JVM's console.
 */
public final class LocalRegistry implements AutoCloseable {

  /** System property naming the registry's {@code quarkus-app} directory. */
  public static final String HOME_PROPERTY = "acp.registry.home";

  /** Path of the Confluent-compatible API below the registry's root. */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  /** Where the app lies in a checkout, relative to its root. */
  static final Path APP_IN_CHECKOUT = Path.of("deploy", "registry", "target", "quarkus-app");

  static final String BUILD_COMMAND = "mvn -B -pl deploy/registry package";

  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

  /* Quarkus announces its port once HTTP is up; with port 0 this is the only place to learn it. */
  private static final Pattern LISTENING =
      Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

  /* A Quarkus app stopped by SIGTERM exits with 128 + 15 after its clean shutdown. */
  private static final int EXIT_ON_SIGTERM = 143;

  private final ChildProcess process;
  private final ClassArchive classArchive;
  private final int port;

  private LocalRegistry(ChildProcess process, ClassArchive classArchive, int port) {
    this.process = process;
    this.classArchive = classArchive;
    this.port = port;
  }

  /** Starts the registry found as described above and waits until its API answers. */
  public static LocalRegistry start() {
    return start(locateApp(System.getProperty(HOME_PROPERTY), Path.of("").toAbsolutePath()));
  }

  /** Starts the registry in {@code quarkusApp} (a built {@code quarkus-app} directory). */
  public static LocalRegistry start(Path quarkusApp) {
    return start(quarkusApp, DEFAULT_START_TIMEOUT);
  }

  /** As {@link #start(Path)}, giving up (and stopping the process) after {@code timeout}. */
  public static LocalRegistry start(Path quarkusApp, Duration timeout) {
    Path runJar = requireBuilt(quarkusApp);
    Path logFile = newLogFile(quarkusApp);
    ClassArchive classArchive = ClassArchive.beside(runJar);
    ChildProcess process =
        ChildProcess.start(
            "apicurio-registry", command(runJar, classArchive), quarkusApp, logFile);
    try {
      int port = awaitListening(process, timeout);
      LocalRegistry registry = new LocalRegistry(process, classArchive, port);
      registry.awaitApi(timeout);
      return registry;
    } catch (RuntimeException e) {
      process.close();
      classArchive.publish(false);
      throw e;
    }
  }

  /** The base URL of the Confluent-compatible API: the value for {@code schema.registry.url}. */
  public String url() {
    return "http://127.0.0.1:" + port + CCOMPAT_PATH;
  }

  /** The loopback port the registry listens on. */
  public int port() {
    return port;
  }

  /** The file holding the registry's console output. */
  public Path logFile() {
    return process.logFile();
  }

  /** Stops the registry process and waits until it is gone (its port is then free). */
  @Override
  public void close() {
    process.close();
    boolean clean =
        !process.isAlive() && (process.exitValue() == 0 || process.exitValue() == EXIT_ON_SIGTERM);
    classArchive.publish(clean);
  }

  @Override
  public String toString() {
    return "LocalRegistry[" + url() + ", " + process + "]";
  }

  /**
   * The {@code quarkus-app} directory: {@code home} when given, else the one in the first
   * directory at or above {@code workDir} that holds {@code deploy/registry/pom.xml}.
   */
  static Path locateApp(String home, Path workDir) {
    if (home != null && !home.isBlank()) {
      return Path.of(home.trim()).toAbsolutePath();
    }
    Optional<Path> checkout = Checkout.around(workDir);
    if (checkout.isPresent()) {
      return checkout.get().resolve(APP_IN_CHECKOUT);
    }
    throw new IllegalStateException(
        "cannot find the local schema registry: no acp-stream checkout (deploy/registry/pom.xml) at"
            + " or above "
            + workDir.toAbsolutePath()
            + "; set -D"
            + HOME_PROPERTY
            + "=<checkout>/"
            + APP_IN_CHECKOUT);
  }

  /** The app's {@code quarkus-run.jar}, or a clear error naming what is missing and the fix. */
  static Path requireBuilt(Path quarkusApp) {
    Objects.requireNonNull(quarkusApp, "quarkusApp");
    Path runJar = quarkusApp.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(runJar)) {
      throw new IllegalStateException(
          "the local schema registry is not built: "
              + runJar.toAbsolutePath()
              + " is missing; build it from the checkout root with: "
              + BUILD_COMMAND
              + " (or set -D"
              + HOME_PROPERTY
              + " to a built quarkus-app directory)");
    }
    return runJar;
  }

  private static List<String> command(Path runJar, ClassArchive classArchive) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(classArchive.jvmOptions());
    command.addAll(
        List.of(
            // A small, short-lived test service: C1 only and the serial collector start it fastest.
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            // The app's own properties set these under the prod profile, so override them there.
            "-D%prod.quarkus.http.port=0",
            "-D%prod.quarkus.datasource.jdbc.initial-size=1",
            "-D%prod.quarkus.datasource.jdbc.min-size=1",
            "-Dquarkus.http.host=127.0.0.1",
            "-jar",
            runJar.toString()));
    return command;
  }

  /*
   * Under the calling module's target/ when there is one (surefire's working directory), else
   * beside the app; one file per start so that parallel test JVMs do not interleave.
   */
  private static Path newLogFile(Path quarkusApp) {
    Path cwdTarget = Path.of("target").toAbsolutePath();
    Path dir = Files.isDirectory(cwdTarget) ? cwdTarget : quarkusApp.toAbsolutePath().getParent();
    try {
      return Files.createTempFile(dir, "local-registry-", ".log");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the registry's log file in " + dir, e);
    }
  }

  private static int awaitListening(ChildProcess process, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<Integer> port = announcedPort(process.logFile());
      if (port.isPresent()) {
        return port.get();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the local schema registry exited with code "
                + process.exitValue()
                + " before listening; log "
                + process.logFile()
                + ":\n"
                + process.logTail(4000));
      }
      pause();
    }
    throw new IllegalStateException(
        "the local schema registry did not listen within "
            + timeout
            + "; log "
            + process.logFile()
            + ":\n"
            + process.logTail(4000));
  }

  private static Optional<Integer> announcedPort(Path logFile) {
    try {
      Matcher m = LISTENING.matcher(Files.readString(logFile, StandardCharsets.ISO_8859_1));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /* Quarkus listens before every bean is warm; the first real API call proves it serves. */
  private void awaitApi(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url() + "/subjects"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the local registry", e);
      }
      if (!process.isAlive()) {
        break;
      }
      pause();
    }
    throw new IllegalStateException(
        "the local schema registry at "
            + url()
            + " did not answer (last: "
            + last
            + "); log "
            + process.logFile()
            + ":\n"
            + process.logTail(4000));
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the local registry", e);
    }
  }
}
