package dev.acpstream.cli;

import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TopologyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acp topology}: one instance of the live topology against a Kafka cluster, until stopped. */
@Command(
    name = "topology",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one instance of the acp-stream topology (Kafka Streams, exactly-once v2) against the cluster "
          + "named by bootstrap.servers, until SIGTERM / Ctrl-C. Start more instances with the same "
          + "application.id to share the partitions.",
      "%nConfiguration: --config FILE (Java properties) over environment variables (ACP_BOOTSTRAP_SERVERS, "
          + "ACP_AUDIO_IDLE_TIMEOUT_MS, ...) over defaults; every key is listed in docs/topology.md.",
      "%nExit status: 0 after a clean stop, 1 when Kafka Streams fails, 2 on bad configuration."
    })
final class TopologyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Java properties file with topology and Kafka settings.")
  Path configFile;

  @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "A setting (repeatable), over --config.")
  Map<String, String> settings = Map.of();

  @Option(names = "--create-topics", description = "Create missing catalog topics (and check existing ones) before starting.")
  boolean createTopics;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Properties props = new Properties();
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        err.println("acp topology: --config " + configFile + " is not a file");
        return 2;
      }
      try (InputStream in = Files.newInputStream(configFile)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        err.println("acp topology: cannot read " + configFile + ": " + e.getMessage());
        return 2;
      }
    }
    props.putAll(settings);
    TopologyConfig config = TopologyConfig.from(props);
    if (createTopics) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.bootstrapServers()))) {
        TopicAdmin.ensureTopics(admin, TopicSettings.from(props));
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (AcpStreamsApp app = new AcpStreamsApp(config)) {
      app.streams().setStateListener((now, before) -> {
        out.printf("acp topology: %s -> %s%n", before, now);
        out.flush();
        if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
          stopped.countDown();
        }
      });
      Thread hook = new Thread(stopped::countDown, "acp-topology-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      app.start();
      out.printf("acp topology: application.id %s on %s, state in %s%n", config.applicationId(),
          config.bootstrapServers(), config.stateDir());
      out.flush();
      stopped.await();
      boolean failed = app.streams().state() == KafkaStreams.State.ERROR;
      app.close(Duration.ofSeconds(30));
      return failed ? 1 : 0;
    }
  }
}
