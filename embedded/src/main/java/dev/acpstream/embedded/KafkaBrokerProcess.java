package dev.acpstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node KRaft broker as a separate OS process on loopback, started through {@code
 * deploy/kafka-local.sh} so that tests and users run the very same broker.
 *
 * <p>Unlike {@link EmbeddedKafka}, the broker does not share this JVM: tests can run several
 * client processes against it, kill them, and stop or restart the broker itself. Its classpath is
 * this JVM's (which holds {@code kafka_2.13} through this module), so no Maven call is needed;
 * {@value #CLASSPATH_PROPERTY} overrides it. The broker cannot outlive this JVM (see {@link
 * ChildProcess}).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** System property naming {@code kafka-local.sh}, when not run from inside a checkout. */
  public static final String SCRIPT_PROPERTY = "acp.kafka.script";

  /** System property giving the broker's classpath instead of this JVM's. */
  public static final String CLASSPATH_PROPERTY = "acp.kafka.classpath";

  static final Path SCRIPT_IN_CHECKOUT = Path.of("deploy", "kafka-local.sh");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final ChildProcess process;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final int port;

  private KafkaBrokerProcess(ChildProcess process, Path dataDir, boolean ownsDataDir, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.port = port;
  }

  /** Starts a broker on a fresh data directory, deleted again by {@link #close()}. */
  public static KafkaBrokerProcess start() {
    return start(Map.of());
  }

  /** As {@link #start()}; {@code brokerConfig} adds or overrides broker settings. */
  public static KafkaBrokerProcess start(Map<String, String> brokerConfig) {
    Path parent = Files.isDirectory(Path.of("target")) ? Path.of("target") : tempRoot();
    try {
      Path dataDir = Files.createTempDirectory(parent.toAbsolutePath(), "kafka-broker-");
      return start(dataDir, brokerConfig, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a broker data directory in " + parent, e);
    }
  }

  /**
   * Starts a broker on {@code dataDir}, formatting it if it is new and keeping it on close: start
   * again on the same directory to restart the broker with its data (on new ports).
   */
  public static KafkaBrokerProcess start(Path dataDir, Map<String, String> brokerConfig) {
    return start(dataDir, brokerConfig, false);
  }

  private static KafkaBrokerProcess start(
      Path dataDir, Map<String, String> brokerConfig, boolean ownsDataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(brokerConfig, "brokerConfig");
    brokerConfig.forEach(KafkaBrokerProcess::requireValidSetting);
    Path script = locateScript(System.getProperty(SCRIPT_PROPERTY), Path.of(""));
    int[] ports = freeLoopbackPorts(2);
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                script.toString(),
                "run",
                "--port",
                String.valueOf(ports[0]),
                "--controller-port",
                String.valueOf(ports[1]),
                "--data-dir",
                dataDir.toAbsolutePath().toString()));
    brokerConfig.forEach(
        (key, value) -> {
          command.add("--set");
          command.add(key + "=" + value);
        });
    String classpath = System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
    Map<String, String> env =
        Map.of(
            "KAFKA_CLASSPATH", classpath,
            "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // C1 only and the serial collector: a test broker starts faster and needs no peak speed.
            "KAFKA_HEAP_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    Path logFile = dataDir.resolve("broker.log");
    ChildProcess process =
        ChildProcess.start("kafka-broker", command, env, script.getParent(), logFile);
    KafkaBrokerProcess broker = new KafkaBrokerProcess(process, dataDir, ownsDataDir, ports[0]);
    try {
      broker.awaitReady(START_TIMEOUT);
      return broker;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** The {@code bootstrap.servers} value for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The client port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The broker's data directory (its config, log and partitions). */
  public Path dataDir() {
    return dataDir;
  }

  /** The broker's log file. */
  public Path logFile() {
    return process.logFile();
  }

  /** True while the broker process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the broker cleanly and waits until it is gone; deletes the data directory if {@link
   * #start()} made it.
   */
  @Override
  public void close() {
    process.close();
    if (ownsDataDir) {
      deleteTree(dataDir);
    }
  }

  @Override
  public String toString() {
    return "KafkaBrokerProcess[" + bootstrapServers() + ", " + process + "]";
  }

  /* Each setting becomes one line of server.properties: a key with '=' or a line break would forge others. */
  private static void requireValidSetting(String key, String value) {
    if (key.isBlank()
        || key.contains("=")
        || key.contains("\n")
        || key.contains("\r")
        || value.contains("\n")
        || value.contains("\r")) {
      throw new IllegalArgumentException("invalid broker setting: '" + key + "'='" + value + "'");
    }
  }

  /** {@code kafka-local.sh}: {@code property} when given, else the checkout's around {@code dir}. */
  static Path locateScript(String property, Path dir) {
    Path script;
    if (property != null && !property.isBlank()) {
      script = Path.of(property.trim()).toAbsolutePath();
    } else {
      script =
          Checkout.around(dir)
              .map(root -> root.resolve(SCRIPT_IN_CHECKOUT))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "cannot find deploy/kafka-local.sh: no acp-stream checkout at or above "
                              + dir.toAbsolutePath()
                              + "; set -D"
                              + SCRIPT_PROPERTY
                              + "=<checkout>/"
                              + SCRIPT_IN_CHECKOUT));
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(
          "the broker script " + script + " does not exist (" + SCRIPT_PROPERTY + ")");
    }
    return script;
  }

  /*
   * The broker needs its controller port before it starts, so the ports are chosen here: the OS
   * hands out free ones, released just before the broker binds them. Another process could take
   * one in between; the start then fails with "already in use" rather than misbehaving.
   */
  private static int[] freeLoopbackPorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // Closing a listening socket we own does not fail in practice; nothing to undo.
        }
      }
    }
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    awaitListening(deadline);
    String last = "no answer";
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the Kafka broker process exited with code "
                  + process.exitValue()
                  + " during start; log "
                  + logFile()
                  + ":\n"
                  + process.logTail(4000));
        }
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
      }
    }
    throw new IllegalStateException(
        "the Kafka broker at "
            + bootstrapServers()
            + " was not ready within "
            + timeout
            + " (last: "
            + last
            + "); log "
            + logFile()
            + ":\n"
            + process.logTail(4000));
  }

  /* A plain connect first: an Admin client would log a warning for every refused attempt. */
  private void awaitListening(Instant deadline) {
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException e) {
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static Path tempRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the broker data directory " + dir, e);
    }
  }
}
