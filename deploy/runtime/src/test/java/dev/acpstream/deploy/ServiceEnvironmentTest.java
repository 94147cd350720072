package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.topology.TopologyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a container's file and environment become the topology's configuration. */
class ServiceEnvironmentTest {

  @TempDir Path dir;

  @Test
  void clientSettingsComeFromTheEnvironmentUnderTheirEnvNames() {
    Map<String, String> env = Map.of(
        "ACP_SECURITY_PROTOCOL", "SASL_SSL",
        "ACP_SASL_MECHANISM", "SCRAM-SHA-512",
        "ACP_SCHEMA_REGISTRY_URL", "https://registry:8443/apis/ccompat/v7",
        "ACP_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/etc/acp/tls/truststore.p12",
        "ACP_NUM_STANDBY_REPLICAS", "1",
        "ACP_BOOTSTRAP_SERVERS", "kafka:9093");
    Properties p = ServiceEnvironment.load(Optional.empty(), env);
    TopologyConfig config = TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(p), env);
    Properties streams = config.streamsProperties();
    assertEquals("SASL_SSL", streams.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", streams.get("sasl.mechanism"));
    assertEquals("1", streams.get("num.standby.replicas"));
    assertEquals("kafka:9093", streams.get("bootstrap.servers"));
    assertTrue(config.serdeConfig().registryMode(), "the registry URL reaches the serdes");
    assertEquals("/etc/acp/tls/truststore.p12",
        config.serdeConfig().registry().orElseThrow().tls().trustStoreLocation().orElseThrow());
  }

  @Test
  void registryBasicAuthAndTheTrainersClientsTakeTheSameSettings() {
    Map<String, String> env = Map.of(
        "ACP_SECURITY_PROTOCOL", "SASL_SSL",
        "ACP_SASL_MECHANISM", "PLAIN",
        "ACP_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";",
        "ACP_SSL_TRUSTSTORE_LOCATION", "/etc/acp/tls/truststore.p12",
        "ACP_SCHEMA_REGISTRY_URL", "https://registry:8443/apis/ccompat/v7",
        "ACP_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
        "ACP_BASIC_AUTH_USER_INFO", "acp-topology:s3cret",
        "ACP_HEALTH_PORT", "8090");
    Properties p = ServiceEnvironment.load(Optional.empty(), env);
    TopologyConfig topology = TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(p), env);
    assertEquals(Optional.of("acp-topology:s3cret"), topology.serdeConfig().registry().orElseThrow().userInfo());
    // The trainer (acp trainer reads the same way): Streams, its model producer and reader, its admin client.
    dev.acpstream.trainer.TrainerConfig trainer =
        dev.acpstream.trainer.TrainerConfig.from(ServiceEnvironment.withoutServiceKeys(p), env);
    for (Map<?, ?> client : List.of(trainer.streamsProperties(), trainer.producerProperties(), trainer.kafkaSecurity())) {
      assertEquals("SASL_SSL", client.get("security.protocol"), client.toString());
      assertEquals("PLAIN", client.get("sasl.mechanism"), client.toString());
      assertTrue(String.valueOf(client.get("sasl.jaas.config")).contains("username=\"u\""), client.toString());
      assertEquals("/etc/acp/tls/truststore.p12", client.get("ssl.truststore.location"), client.toString());
      assertFalse(client.containsKey(ServiceEnvironment.HEALTH_PORT), client.toString());
    }
    assertFalse(trainer.kafkaSecurity().containsKey("basic.auth.user.info"), "registry credentials are not Kafka's");
    assertEquals(Optional.of("acp-topology:s3cret"), trainer.serdeConfig().registry().orElseThrow().userInfo());
    assertEquals(java.util.OptionalInt.of(8090), ServiceEnvironment.configuredHealthPort(p));
    assertEquals(java.util.OptionalInt.empty(), ServiceEnvironment.configuredHealthPort(new Properties()),
        "the trainer and acp serve serve health only when asked");
  }

  @Test
  void theFileWinsOverTheEnvironmentAndServiceKeysNeverReachKafka() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SSL\nacp.health.port=9100\nacp.topics.partitions=12\n");
    Map<String, String> env = Map.of(
        ServiceEnvironment.CONFIG_FILE_ENV, file.toString(),
        "ACP_SECURITY_PROTOCOL", "PLAINTEXT",
        "ACP_HEALTH_PORT", "9200");
    Properties p = ServiceEnvironment.load(Optional.empty(), env);
    assertEquals("SSL", p.getProperty("security.protocol"));
    assertEquals(9100, ServiceEnvironment.healthPort(p));
    Properties streams = TopologyConfig.from(ServiceEnvironment.withoutServiceKeys(p), env).streamsProperties();
    assertFalse(streams.containsKey(ServiceEnvironment.HEALTH_PORT));
    assertFalse(streams.containsKey("acp.topics.partitions"));
    assertEquals("SSL", streams.get("security.protocol"));
  }

  @Test
  void anExplicitConfigFileWinsOverTheVariable() throws Exception {
    Path a = Files.writeString(dir.resolve("a.properties"), "num.stream.threads=3\n");
    Path b = Files.writeString(dir.resolve("b.properties"), "num.stream.threads=5\n");
    Properties p = ServiceEnvironment.load(Optional.of(b), Map.of(ServiceEnvironment.CONFIG_FILE_ENV, a.toString()));
    assertEquals("5", p.getProperty("num.stream.threads"));
  }

  @Test
  void aMissingConfigFileIsNamed() {
    Path missing = dir.resolve("nope.properties");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServiceEnvironment.load(Optional.empty(), Map.of(ServiceEnvironment.CONFIG_FILE_ENV, missing.toString())));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void aMalformedConfigFileIsNamed() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.properties"), "key=\\u12zz\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServiceEnvironment.load(Optional.of(bad), Map.of()));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }

  @Test
  void aBadHealthPortIsNamed() {
    for (String v : new String[] {"http", "-1", "70000"}) {
      Properties p = ServiceEnvironment.load(Optional.empty(), Map.of("ACP_HEALTH_PORT", v));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceEnvironment.healthPort(p));
      assertTrue(e.getMessage().contains("acp.health.port") && e.getMessage().contains(v), e.getMessage());
    }
    assertEquals(ServiceEnvironment.DEFAULT_HEALTH_PORT, ServiceEnvironment.healthPort(new Properties()));
  }

  @Test
  void everyEnvironmentKeyHasItsOwnVariable() {
    assertEquals(ServiceEnvironment.envKeys().size(),
        ServiceEnvironment.envKeys().stream().map(TopologyConfig::envName).distinct().count(),
        "two keys would share one ACP_* variable");
  }
}
