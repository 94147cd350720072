package dev.acpstream.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker whose client listener speaks SASL_SSL with the PLAIN mechanism
 * (Kafka's own test kit: a self-signed broker certificate, a JKS trust store for clients, the
 * PLAIN users {@value JaasUtils#KAFKA_PLAIN_ADMIN} and {@value JaasUtils#KAFKA_PLAIN_USER1}).
 *
 * <p>The controller listener stays PLAINTEXT: it is internal to the node; every client the
 * services make goes through the SASL_SSL listener. For tests that prove client security settings
 * reach every client; the demo and the other tests use {@link EmbeddedKafka}.
 */
public final class SaslSslKafka implements AutoCloseable {

  /** A PLAIN user the broker knows. */
  public static final String USER = JaasUtils.KAFKA_PLAIN_ADMIN;

  private final KafkaClusterTestKit cluster;

  private SaslSslKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static SaslSslKafka start() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setBaseDirectory(Files.createTempDirectory("acp-kafka-sasl-"))
        .setBrokerSecurityProtocol(SecurityProtocol.SASL_SSL)
        .build();
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "2")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "2")
        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
        .setConfigProp("share.coordinator.state.topic.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        .setConfigProp("message.max.bytes", String.valueOf(16 << 20))
        // Authentication is what is tested, not ACLs: without an authorizer every authenticated
        // client may act (the kit's default authorizer would also refuse the node's own
        // registration over the PLAINTEXT controller listener).
        .setConfigProp("authorizer.class.name", "")
        .build();
    try {
      // The storage formatter prints a banner on System.out and takes no other stream.
      PrintStream stdout = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      try {
        cluster.format();
      } finally {
        System.setOut(stdout);
      }
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new SaslSslKafka(cluster);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * The client settings a deployment gives for this broker, as Confluent-style keys: SASL_SSL,
   * PLAIN with {@code user}/{@code password}, and the trust store holding the broker's certificate.
   */
  public Map<String, String> clientSettings(String user, String password) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("security.protocol", SecurityProtocol.SASL_SSL.name);
    s.put("sasl.mechanism", "PLAIN");
    s.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user + "\" password=\"" + password + "\";");
    cluster.sslManager().createClientSslConfig().forEach((k, v) -> {
      if (k.startsWith("ssl.truststore.")) {
        s.put(k, v instanceof org.apache.kafka.common.config.types.Password p ? p.value() : String.valueOf(v));
      }
    });
    return s;
  }

  /** The settings of {@link #USER} with its password. */
  public Map<String, String> userSettings() {
    return clientSettings(USER, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
  }

  /** {@code settings} as a properties file {@code client.properties} in {@code dir}, as a deployment mounts it. */
  public static Path propertiesFile(Path dir, Map<String, String> settings) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    settings.forEach(p::setProperty);
    Path file = dir.resolve("client.properties");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, "SASL_SSL client settings");
    }
    return file;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
