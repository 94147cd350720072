package dev.acpstream.cli;

import dev.acpstream.deploy.HealthEndpoint;
import dev.acpstream.deploy.KafkaAccessCheck;
import dev.acpstream.deploy.ServiceEnvironment;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.trainer.TrainerConfig;
import dev.acpstream.trainer.TrainerService;
import dev.acpstream.trainer.TrainerStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acp trainer}: runs the model trainer until stopped (Ctrl-C) or for {@code --run-for}. */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the model trainer: a Kafka Streams service (application id acp-trainer) that joins "
          + "labels.media with features.image / features.music-segment into a durable training set, "
          + "retrains ACP-Net every N new labels or T minutes, and publishes a challenger to "
          + "models.acpnet only when it beats the champion on the fixed holdout.",
      "%nSettings (docs/trainer.md lists them) come from --config (else $ACP_CONFIG_FILE), then --set, over "
          + "ACP_* environment variables; Kafka security (security.protocol, sasl.*, ssl.*) reaches every client "
          + "(docs/security.md). With acp.health.port (ACP_HEALTH_PORT) set, /health/ready and /health/live "
          + "answer on it as for acp topology. A status line is printed whenever the status changes; status.json in the "
          + "trainer directory holds the same."
    })
final class TrainerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers (default: the config's, else localhost:9092).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of trainer and Kafka settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "One setting, e.g. --set acp.trainer.retrain.labels=20 (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--no-create-topics", description = "Do not create missing topics (they must exist).")
  boolean noCreateTopics;

  @Option(names = "--run-for", paramLabel = "SECONDS", defaultValue = "0",
      description = "Stop after this many seconds (default: run until stopped).")
  long runForSeconds;

  /** Counted down to stop the trainer (the shutdown hook on SIGTERM / Ctrl-C; tests). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Properties props;
    OptionalInt healthPort;
    try {
      // --config (else $ACP_CONFIG_FILE) over the ACP_* client and service variables, as acp topology.
      props = ServiceEnvironment.load(Optional.ofNullable(configFile), System.getenv());
      settings.forEach(props::setProperty);
      healthPort = ServiceEnvironment.configuredHealthPort(props);
    } catch (IllegalArgumentException e) {
      err.println("acp trainer: " + e.getMessage());
      return 2;
    }
    if (bootstrapServers != null) {
      props.setProperty(TrainerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (runForSeconds < 0) {
      err.println("acp trainer: --run-for must be >= 0, was " + runForSeconds);
      return 2;
    }
    TrainerConfig config;
    try {
      config = TrainerConfig.from(ServiceEnvironment.withoutServiceKeys(props));
    } catch (IllegalArgumentException e) {
      err.println("acp trainer: " + e.getMessage());
      return 2;
    }
    try {
      KafkaAccessCheck.check(config.bootstrapServers(), config.kafkaSecurity(), KafkaAccessCheck.DEFAULT_TIMEOUT);
    } catch (KafkaAccessCheck.RefusedException e) {
      err.println("acp trainer: " + e.getMessage());
      return 2;
    }
    if (!noCreateTopics) {
      Properties admin = new Properties();
      admin.putAll(config.kafkaSecurity());
      admin.put("bootstrap.servers", config.bootstrapServers());
      admin.put("default.api.timeout.ms", "30000");
      try (Admin a = Admin.create(admin)) {
        TopicAdmin.ensureTopics(a, TopicSettings.from(props));
      }
    }
    // Closed last: a SIGTERM waits for the trainer to close (state flushed, transaction finished).
    try (GracefulStop sigterm = new GracefulStop("acp-trainer-shutdown", stop, Duration.ofSeconds(75));
        TrainerService trainer = new TrainerService(config).start();
        AutoCloseable health = healthEndpoint(trainer, healthPort)) {
      out.printf(Locale.ROOT, "acp trainer: %s on %s, work directory %s (retrain every %d labels or %s)%n",
          config.applicationId(), config.bootstrapServers(), config.workDir(), config.retrainLabels(),
          config.retrainInterval());
      out.flush();
      long deadline = runForSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(runForSeconds);
      TrainerStatus last = null;
      while (System.nanoTime() < deadline && !stop.await(250, TimeUnit.MILLISECONDS)) {
        TrainerStatus s = trainer.status();
        if (!s.equals(last)) {
          out.println(line(s));
          out.flush();
          last = s;
        }
        if (trainer.streams().state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
          err.println("acp trainer: Kafka Streams failed; see the log");
          return 1;
        }
      }
      out.println("acp trainer: stopping");
      out.flush();
      trainer.close(Duration.ofSeconds(60));
    }
    return 0;
  }

  /** /health/ready and /health/live of the trainer's Kafka Streams client, when a port is configured. */
  private static AutoCloseable healthEndpoint(TrainerService trainer, OptionalInt port) {
    return port.isPresent() ? HealthEndpoint.start(trainer.streams(), port.getAsInt()) : () -> { };
  }

  static String line(TrainerStatus s) {
    return String.format(Locale.ROOT,
        "champion %s (holdout accuracy %s), labels seen %d, ready %d, runs %d (published %d, rejected %d), "
            + "dead letters %d%s%s",
        s.championVersion() == null ? "none" : s.championVersion(),
        Double.isNaN(s.holdoutAccuracy()) ? "n/a" : String.format(Locale.ROOT, "%.4f", s.holdoutAccuracy()),
        s.labelsSeen(), s.labelsReady(), s.runs(), s.published(), s.rejected(), s.deadLetters(),
        s.training() ? ", training" : "",
        s.lastOutcome() == null ? "" : "; last run " + s.lastTrainingAt() + ": " + s.lastOutcome());
  }
}
