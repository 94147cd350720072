package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The services refuse bad input before they start anything, with exit 2 and a message naming it. */
class ServiceCommandsTest {

  private record Result(int status, String err) {}

  private static Result topology(Map<String, String> env, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TopologyService.run(args, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, err.toString(StandardCharsets.UTF_8));
  }

  private static Result topics(Map<String, String> env, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TopicsInit.run(args, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void topologyRefusesUnknownArguments() {
    Result r = topology(Map.of(), "--bogus");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("usage: acp topology [--config FILE]") && r.err().contains("--bogus"), r.err());
  }

  @Test
  void topologyNamesAMissingConfigFile() {
    Result r = topology(Map.of(), "--config", "/no/such/acp.properties");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("/no/such/acp.properties does not exist"), r.err());
  }

  @Test
  void topologyNamesABadTopologyValue() {
    Result r = topology(Map.of("ACP_AUDIO_BUFFER_MAX_CHUNKS", "0"));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("acp.audio.buffer.max.chunks"), r.err());
    r = topology(Map.of("ACP_AUDIO_IDLE_TIMEOUT_MS", "soon"));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("acp.audio.idle.timeout.ms") && r.err().contains("soon"), r.err());
  }

  @Test
  void topologyNamesABadHealthPort() {
    Result r = topology(Map.of("ACP_HEALTH_PORT", "eighty"));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("acp.health.port") && r.err().contains("eighty"), r.err());
  }

  @Test
  void topicsNamesBadTopicSettings() {
    Result r = topics(Map.of("ACP_TOPICS_PARTITIONS", "0"));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("acp.topics.partitions"), r.err());
    r = topics(Map.of("ACP_TOPICS_REPLICATION_FACTOR", "three"));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("acp.topics.replication.factor") && r.err().contains("three"), r.err());
  }

  @Test
  void topicsRefusesUnknownArguments() {
    Result r = topics(Map.of(), "--partitions", "3");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("usage: acp topics"), r.err());
  }
}
