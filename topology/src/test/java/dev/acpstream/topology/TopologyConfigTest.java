package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TopologyConfigTest {

  @Test
  void propertiesOverEnvironmentOverDefaults() {
    Properties p = new Properties();
    p.setProperty(TopologyConfig.IDLE_TIMEOUT_MS, "5000");
    p.setProperty("num.stream.threads", "3");
    Map<String, String> env = Map.of(
        "ACP_AUDIO_IDLE_TIMEOUT_MS", "9000",
        "ACP_AUDIO_SHORT_GAP_MAX_MS", "1500",
        "ACP_BOOTSTRAP_SERVERS", "kafka:9092");
    TopologyConfig c = TopologyConfig.from(p, env);
    assertEquals(Duration.ofMillis(5000), c.idleTimeout(), "a property wins over the environment");
    assertEquals(Duration.ofMillis(1500), c.shortGapMax(), "the environment wins over the default");
    assertEquals("kafka:9092", c.bootstrapServers());
    assertEquals(32, c.bufferMaxChunks(), "default");
    assertEquals("affect", c.backboneSpec());
    Properties s = c.streamsProperties();
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, s.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("3", s.get("num.stream.threads"), "unknown keys pass through to Kafka Streams");
    assertEquals("kafka:9092", s.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  @Test
  void envNames() {
    assertEquals("ACP_AUDIO_CHUNK_MAX_BYTES", TopologyConfig.envName(TopologyConfig.MAX_CHUNK_BYTES));
    assertEquals("ACP_APPLICATION_ID", TopologyConfig.envName("application.id"));
  }

  @Test
  void badValuesNameTheKey() {
    Properties p = new Properties();
    p.setProperty(TopologyConfig.BUFFER_MAX_CHUNKS, "lots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopologyConfig.from(p, Map.of()));
    assertTrue(e.getMessage().contains(TopologyConfig.BUFFER_MAX_CHUNKS), e.getMessage());
    Properties q = new Properties();
    q.setProperty(TopologyConfig.BUFFER_MAX_BYTES, "1000");
    e = assertThrows(IllegalArgumentException.class, () -> TopologyConfig.from(q, Map.of()));
    assertTrue(e.getMessage().contains("must hold at least one chunk"), e.getMessage());
  }

  @Test
  void theQueryPortAdvertisesThisHostUnlessApplicationServerIsGiven() {
    TopologyConfig none = TopologyConfig.from(new Properties(), Map.of());
    assertTrue(none.queryServerPort().isEmpty());
    assertTrue(!none.streamsProperties().containsKey("application.server"));

    TopologyConfig port = TopologyConfig.from(new Properties(), Map.of("ACP_QUERY_PORT", "8091"));
    assertEquals(8091, port.queryServerPort().getAsInt());
    String server = port.streamsProperties().getProperty("application.server");
    assertTrue(server.endsWith(":8091") && server.length() > ":8091".length(), server);

    TopologyConfig pod = TopologyConfig.from(new Properties(),
        Map.of("ACP_QUERY_PORT", "8091", "ACP_QUERY_HOST", "10.1.2.3"));
    assertEquals("10.1.2.3:8091", pod.streamsProperties().getProperty("application.server"));

    Properties given = new Properties();
    given.setProperty(TopologyConfig.QUERY_PORT, "8091");
    given.setProperty("application.server", "topology-0.topology:9000");
    TopologyConfig explicit = TopologyConfig.from(given, Map.of());
    assertEquals("topology-0.topology:9000", explicit.streamsProperties().getProperty("application.server"));
    assertEquals(9000, explicit.queryServerPort().getAsInt(), "the endpoint listens where it is advertised");

    Properties bad = new Properties();
    bad.setProperty("application.server", "no-port");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TopologyConfig.from(bad, Map.of()).queryServerPort());
    assertTrue(e.getMessage().contains("application.server must be HOST:PORT: no-port"), e.getMessage());
    Properties range = new Properties();
    range.setProperty(TopologyConfig.QUERY_PORT, "70000");
    e = assertThrows(IllegalArgumentException.class, () -> TopologyConfig.from(range, Map.of()));
    assertTrue(e.getMessage().contains(TopologyConfig.QUERY_PORT), e.getMessage());
  }
}
