package dev.acpstream.cli;

import dev.acpstream.deploy.ServiceEnvironment;
import dev.acpstream.deploy.TopologyService;
import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code acp topology}: one instance of the live topology against a Kafka cluster, until stopped:
 * the same service a container runs ({@link TopologyService}, with its health endpoint).
 */
@Command(
    name = "topology",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one instance of the acp-stream topology (Kafka Streams, exactly-once v2) against the cluster "
          + "named by bootstrap.servers, until SIGTERM / Ctrl-C, with /health/ready and /health/live on "
          + "acp.health.port (8090). Start more instances with the same application.id (and their own "
          + "state.dir) to share the partitions.",
      "%nConfiguration: --config FILE (Java properties) and --set KEY=VALUE over environment variables "
          + "(ACP_BOOTSTRAP_SERVERS, ...) over defaults; every key is listed in docs/topology.md.",
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
    Properties props = new Properties();
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        spec.commandLine().getErr().println("acp topology: --config " + configFile + " is not a file");
        return 2;
      }
      try (InputStream in = Files.newInputStream(configFile)) {
        props.load(in);
      }
    }
    props.putAll(settings);
    if (createTopics) {
      // The service's own view of the settings ($ACP_CONFIG_FILE, ACP_* security variables) under --config/--set.
      Properties all = ServiceEnvironment.load(Optional.empty(), System.getenv());
      all.putAll(props);
      Map<String, Object> connection = new HashMap<>(KafkaClientSecurity.of(all));
      connection.put("bootstrap.servers",
          all.getProperty("bootstrap.servers", System.getenv().getOrDefault("ACP_BOOTSTRAP_SERVERS", "localhost:9092")));
      try (Admin admin = Admin.create(connection)) {
        TopicAdmin.ensureTopics(admin, TopicSettings.from(props));
      }
    }
    // The service reads one file: the merged settings go to it through a private temporary copy.
    Path merged = Files.createTempFile("acp-topology-", ".properties");
    try {
      try (OutputStream out = Files.newOutputStream(merged)) {
        props.store(out, "acp topology: --config merged with --set");
      }
      return TopologyService.run(new String[] {"--config", merged.toString()}, System.getenv(),
          System.out, new java.io.PrintStream(new WriterStream(spec.commandLine().getErr()), true));
    } finally {
      Files.deleteIfExists(merged);
    }
  }

  /** Bytes to the command line's error writer (UTF-8 text from the service). */
  private static final class WriterStream extends OutputStream {
    private final java.io.PrintWriter writer;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterStream(java.io.PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public void flush() {
      writer.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
      writer.flush();
      line.reset();
    }
  }
}
