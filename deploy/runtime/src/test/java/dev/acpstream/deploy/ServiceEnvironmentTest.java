package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.topology.TopologyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
