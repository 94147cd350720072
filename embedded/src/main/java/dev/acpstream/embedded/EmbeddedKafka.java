package dev.acpstream.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker inside this JVM, built on Kafka's own KafkaClusterTestKit.
 *
 * <p>It is a real broker (real log segments, transactions, compaction) on a random loopback port,
 * not a mock: the demo runs on it and the integration tests prove the pipeline against it. When
 * the system property {@value #EXTERNAL_BOOTSTRAP} is set, {@link #startOrExternal()} hands that
 * broker out instead, so the same tests can run against a cluster of the user's.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** System property naming an external broker to use instead of an in-process one. */
  public static final String EXTERNAL_BOOTSTRAP = "acp.test.bootstrap.servers";

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a combined broker+controller node with its logs under a fresh temporary directory. */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /**
   * Starts a combined broker+controller node; {@code brokerConfig} overrides broker settings.
   *
   * <p>Single-node defaults are set so that transactions (exactly-once v2) and compacted,
   * replicated internal topics work with one broker.
   */
  public static EmbeddedKafka start(Map<String, Object> brokerConfig) {
    Objects.requireNonNull(brokerConfig, "brokerConfig");
    try {
      Path base = Files.createTempDirectory("acp-kafka-");
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .setBaseDirectory(base)
              .build();
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(nodes)
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "4")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "4")
              .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
              .setConfigProp("share.coordinator.state.topic.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024));
      brokerConfig.forEach(builder::setConfigProp);
      KafkaClusterTestKit cluster = builder.build();
      try {
        formatQuietly(cluster);
        cluster.startup();
        cluster.waitForReadyBrokers();
      } catch (Exception e) {
        cluster.close();
        throw e;
      }
      return new EmbeddedKafka(cluster, cluster.bootstrapServers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
    }
  }

  /**
   * Formats the node's storage. Kafka's storage formatter prints a banner ("Bootstrap metadata:
   * ...", "Formatting metadata directory ...") straight to System.out and the test kit gives it no
   * other stream, so System.out is pointed elsewhere for that call only; failures still throw.
   */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      cluster.format();
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * The broker named by {@value #EXTERNAL_BOOTSTRAP} when set (closing it does nothing), else a
   * fresh in-process one.
   */
  public static EmbeddedKafka startOrExternal() {
    String external = System.getProperty(EXTERNAL_BOOTSTRAP, "").trim();
    if (!external.isEmpty()) {
      return new EmbeddedKafka(null, external);
    }
    return start();
  }

  /** The {@code bootstrap.servers} value for clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** True when this is a broker of the user's rather than one this object started. */
  public boolean isExternal() {
    return cluster == null;
  }

  @Override
  public void close() {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the embedded Kafka broker cleanly", e);
    }
  }
}
