package dev.acpstream.cli;

import dev.acpstream.schemas.Digests;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.deploy.HealthEndpoint;
import dev.acpstream.deploy.KafkaAccessCheck;
import dev.acpstream.deploy.ServiceEnvironment;
import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.model.ModelRecords;
import dev.acpstream.web.AcpWebServer;
import dev.acpstream.web.MediaProducers;
import dev.acpstream.web.UntrainedModel;
import dev.acpstream.web.WebConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code acp serve}: the product for people. The topology (Kafka Streams) and the web page with
 * its REST API and Prometheus endpoint in this process, on a given Kafka cluster or on an
 * embedded broker started here.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the acp-stream topology and its web page, REST API (docs/api.md) and Prometheus metrics (/metrics) "
          + "until interrupted. Without --bootstrap-servers it starts an embedded Kafka broker and prints its "
          + "address for 'acp ingest' and 'acp label'.",
      "%nScores need a model: --model FILE publishes a trained ACP-Net archive as the champion; "
          + "--untrained-model publishes seeded random weights (to try the pipeline; its scores mean nothing).",
      "%nOn a cluster: Kafka and registry client settings (TLS, SASL, basic auth) come from --config or "
          + "$ACP_CONFIG_FILE and ACP_* variables and reach every client (docs/security.md); with "
          + "acp.health.port (ACP_HEALTH_PORT) set, /health/ready and /health/live answer on it as for acp topology."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0: any free one).")
  int port;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
      defaultValue = "${env:ACP_BOOTSTRAP_SERVERS}",
      description = "Kafka to use (default: $ACP_BOOTSTRAP_SERVERS; none: an embedded broker).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Java properties with Kafka and registry client settings (security.protocol, sasl.*, ssl.*, "
          + "schema.registry.url, basic.auth.*, schema.registry.ssl.*) and topology keys (default: $ACP_CONFIG_FILE; "
          + "ACP_* variables set the same keys, docs/security.md). Not used with the embedded broker.")
  Path configFile;

  @Option(names = "--media", paramLabel = "DIR", description = "Where uploaded images and songs are kept (default: .acp/media).")
  Path mediaDir;

  @Option(names = "--reports", paramLabel = "DIR", description = "Training reports whose PNG plots the page shows.")
  Path reportsDir;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state (default: a new temporary directory).")
  Path stateDir;

  @Option(names = "--model", paramLabel = "FILE", description = "An ACP-Net archive (acp train's output) to publish as the champion.")
  Path model;

  @Option(names = "--untrained-model", description = "Publish a seeded random champion (to try the pipeline).")
  boolean untrained;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--max-image-bytes", paramLabel = "N", defaultValue = "" + WebConfig.DEFAULT_MAX_IMAGE_BYTES,
      description = "Largest image upload (default: ${DEFAULT-VALUE}).")
  long maxImageBytes;

  @Option(names = "--max-audio-bytes", paramLabel = "N", defaultValue = "" + WebConfig.DEFAULT_MAX_AUDIO_BYTES,
      description = "Largest song upload (default: ${DEFAULT-VALUE}).")
  long maxAudioBytes;

  @Option(names = "--for", paramLabel = "SECONDS", defaultValue = "0", hidden = true,
      description = "Stop after this long (0: run until interrupted).")
  int runSeconds;

  /** Counted down to stop the server (tests; the shutdown hook on Ctrl-C). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String bad = badOption();
    if (bad != null) {
      err.println("acp serve: " + bad);
      return 2;
    }
    Properties settings;
    OptionalInt healthPort;
    try {
      settings = ServiceEnvironment.load(Optional.ofNullable(configFile), System.getenv());
      healthPort = ServiceEnvironment.configuredHealthPort(settings);
    } catch (IllegalArgumentException e) {
      err.println("acp serve: " + e.getMessage());
      return 2;
    }
    AcpNetModel champion;
    try {
      champion = model != null ? published(model) : untrained ? UntrainedModel.champion(42) : null;
    } catch (IOException | RuntimeException e) {
      err.println("acp serve: cannot load the model " + model + ": " + e.getMessage());
      return 2;
    }
    Path media = mediaDir != null ? mediaDir : SampleMedia.defaultSamplesDir().getParent().resolve(".acp").resolve("media");
    Path state = stateDir != null ? stateDir : Files.createTempDirectory("acp-serve-state");
    EmbeddedKafka embedded = null;
    try {
      String bootstrap = bootstrapServers == null || bootstrapServers.isBlank()
          ? settings.getProperty(TopologyConfig.BOOTSTRAP_SERVERS) : bootstrapServers;
      if (bootstrap == null || bootstrap.isBlank()) {
        out.println("Starting an embedded Kafka broker (KRaft, in this process) ...");
        out.flush();
        embedded = EmbeddedKafka.start();
        bootstrap = embedded.bootstrapServers();
      }
      // The embedded broker is PLAINTEXT and local: the cluster's settings are not for it.
      Properties cluster = embedded != null ? new Properties() : ServiceEnvironment.withoutServiceKeys(settings);
      TopologyConfig topology = topologyConfig(cluster, bootstrap, state, media, embedded != null);
      Map<String, Object> connection = new HashMap<>(KafkaClientSecurity.of(cluster));
      connection.put("bootstrap.servers", bootstrap);
      if (embedded == null) {
        try {
          KafkaAccessCheck.check(bootstrap, connection, KafkaAccessCheck.DEFAULT_TIMEOUT);
        } catch (KafkaAccessCheck.RefusedException e) {
          err.println("acp serve: " + e.getMessage());
          return 2;
        }
      }
      try (Admin admin = Admin.create(connection)) {
        // Verified against the same acp.topics.* settings the topic initialiser created them with.
        TopicAdmin.ensureTopics(admin, embedded != null ? TopicSettings.defaults() : TopicSettings.from(settings));
      }
      if (champion != null) {
        try (MediaProducers p = new MediaProducers(connection, topology.serdeConfig(), Duration.ofSeconds(30),
            Topics.MODEL_MAX_MESSAGE_BYTES)) {
          p.send(Topics.MODELS_ACPNET, ModelRecords.CHAMPION, champion);
        }
        out.printf("Published model %s as the champion%n", champion.getVersion());
      }
      WebConfig web = WebConfig.local(bootstrap, port, media).withHost(host)
          .withLimits(maxImageBytes, maxAudioBytes, WebConfig.DEFAULT_MAX_CHUNK_BYTES).withReportsDir(reportsDir)
          .withSerdes(topology.serdeConfig()).withKafkaSecurity(connection);
      // Closed last: a SIGTERM waits for Kafka Streams to close (state flushed, transaction finished).
      try (GracefulStop sigterm = new GracefulStop("acp-serve-shutdown", stop, Duration.ofSeconds(45));
          AcpStreamsApp app = new AcpStreamsApp(topology).start();
          AutoCloseable health = healthEndpoint(app.streams(), healthPort);
          AcpWebServer server = new AcpWebServer(web, app.queries(), app.streams()).start()) {
        out.printf("acp-stream is serving at %s/ (REST API under /api, Prometheus metrics at /metrics)%n", server.url());
        out.printf("  Kafka: %s   media kept in: %s%n", bootstrap, media.toAbsolutePath());
        out.printf("  try: bin/acp ingest images samples/images -b %s%n", bootstrap);
        out.println("  Ctrl-C stops it.");
        out.flush();
        if (runSeconds > 0) {
          stop.await(runSeconds, TimeUnit.SECONDS);
        } else {
          stop.await();
        }
        out.println("Stopping ...");
        out.flush();
        KafkaStreams.State s = app.streams().state();
        return s == KafkaStreams.State.ERROR ? 1 : 0;
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private String badOption() {
    if (port < 0 || port > 65535) {
      return "--port must be 0..65535, got " + port;
    }
    if (threads < 1 || threads > 16) {
      return "--threads must be 1..16, got " + threads;
    }
    if (model != null && untrained) {
      return "give --model FILE or --untrained-model, not both";
    }
    if (model != null && !Files.isRegularFile(model)) {
      return model + ": no such model file";
    }
    if (maxImageBytes < 1 || maxAudioBytes < 1) {
      return "--max-image-bytes and --max-audio-bytes must be positive";
    }
    if (runSeconds < 0) {
      return "--for must be >= 0";
    }
    return null;
  }

  /** /health/ready and /health/live of the topology, as acp topology serves them, when a port is configured. */
  private static AutoCloseable healthEndpoint(KafkaStreams streams, OptionalInt port) {
    return port.isPresent() ? HealthEndpoint.start(streams, port.getAsInt()) : () -> { };
  }

  /** {@code cluster} (client security, registry, topology keys) under this command's own settings. */
  private TopologyConfig topologyConfig(Properties cluster, String bootstrap, Path state, Path media, boolean embedded)
      throws IOException {
    Properties p = new Properties();
    p.putAll(cluster);
    p.setProperty(TopologyConfig.APPLICATION_ID, embedded ? "acp-serve" : "acp-stream");
    p.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, bootstrap);
    p.setProperty(TopologyConfig.STATE_DIR, state.toString());
    // Images over a record's inline size are kept here and sent by reference.
    p.setProperty(TopologyConfig.IMAGE_REFERENCE_ROOTS,
        Files.createDirectories(media.resolve("images")).toAbsolutePath().toString());
    p.setProperty("num.stream.threads", String.valueOf(threads));
    return TopologyConfig.from(p, System.getenv());
  }

  /** {@code file} as a champion record: its version is the file's name and the start of its SHA-256. */
  static AcpNetModel published(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    AcpNetArtifact artifact = AcpNetArtifact.fromBytes(bytes);
    String name = file.getFileName().toString().replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    String version = name + "-" + Digests.sha256Hex(bytes).substring(0, 8);
    return ModelRecords.published(ModelRecords.CHAMPION, version, artifact, bytes,
        "published by acp serve from " + file.getFileName());
  }
}
