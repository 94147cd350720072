package dev.acpstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.SaslSslKafka;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.TopologyConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services against a broker that accepts only SASL_SSL (PLAIN): the client settings given to
 * the service (environment variables ACP_SECURITY_PROTOCOL, ACP_SASL_*, and a properties file
 * named by ACP_CONFIG_FILE for the trust store) reach the topic initialiser's admin client and
 * every client Kafka Streams makes; the same service with a wrong password stops at once with a
 * line naming the authentication failure.
 */
class SecuredClusterTest {

  private static final SerdeConfig SERDES = SerdeConfig.singleObject();

  private static SaslSslKafka broker;

  @BeforeAll
  static void start() throws Exception {
    broker = SaslSslKafka.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /** SASL keys as environment variables, the trust store in the mounted properties file. */
  private static Map<String, String> serviceEnv(Path dir, Map<String, String> security) throws Exception {
    Map<String, String> file = new HashMap<>();
    Map<String, String> env = new HashMap<>();
    security.forEach((k, v) -> {
      if (k.startsWith("ssl.")) {
        file.put(k, v);
      } else {
        env.put(TopologyConfig.envName(k), v);
      }
    });
    env.put(ServiceEnvironment.CONFIG_FILE_ENV, SaslSslKafka.propertiesFile(dir, file).toString());
    env.put("ACP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("ACP_TOPICS_PARTITIONS", "1");
    env.put("ACP_TOPICS_REPLICATION_FACTOR", "1");
    return env;
  }

  private record Run(int status, String out, String err) {}

  private static Run topics(Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TopicsInit.run(new String[0], env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theTopologyServiceRunsAndProcessesOverSaslSsl(@TempDir Path dir) throws Exception {
    Map<String, String> env = serviceEnv(dir, broker.userSettings());
    Run init = topics(env);
    assertEquals(0, init.status(), "acp topics over SASL_SSL: " + init.err());
    assertTrue(init.out().contains(Topics.MEDIA_AUDIO_CHUNKS.name()), init.out());

    SongClips.Clip clip = SongClips.load(List.of(SongClips.sampleSongs().get(0)), "sasl-", 4.0).get(0);
    int healthPort = freePort();
    Map<String, String> instanceEnv = new HashMap<>(env);
    instanceEnv.put("ACP_APPLICATION_ID", "acp-sasl");
    instanceEnv.put("ACP_STATE_DIR", Files.createDirectories(dir.resolve("state")).toString());
    instanceEnv.put("ACP_HEALTH_PORT", String.valueOf(healthPort));
    instanceEnv.put("ACP_COMMIT_INTERVAL_MS", "200");
    try (InstanceProcess instance = InstanceProcess.start("sasl-topology", instanceEnv, healthPort,
        dir.resolve("topology.log"))) {
      String ready = instance.awaitReady(Duration.ofSeconds(90));
      assertTrue(ready.contains("\"state\":\"RUNNING\""), ready);

      Map<String, Object> producerConfig = clientConfig(broker.userSettings());
      producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
      try (KafkaProducer<String, AudioChunk> producer = new KafkaProducer<>(producerConfig,
          Topics.MEDIA_AUDIO_CHUNKS.keySerde(SERDES).serializer(),
          Topics.MEDIA_AUDIO_CHUNKS.valueSerde(SERDES).serializer())) {
        for (AudioChunk c : clip.chunks()) {
          producer.send(new ProducerRecord<>(Topics.MEDIA_AUDIO_CHUNKS.name(), c.getTrackId(), c)).get();
        }
      }
      Set<String> keys = readCommittedKeys(Topics.FEATURES_MUSIC_SEGMENT.name(), clip.expectedKeys().size(),
          Duration.ofSeconds(90));
      assertEquals(new TreeSet<>(clip.expectedKeys()), keys,
          "segments of the clip, processed over SASL_SSL; log:\n" + instance.logTail());
    }
  }

  @Test
  void aWrongPasswordStopsTheTopologyServiceWithAnAuthenticationError(@TempDir Path dir) throws Exception {
    Map<String, String> env = serviceEnv(dir,
        broker.clientSettings(SaslSslKafka.USER, "not-the-password"));
    env.put("ACP_STATE_DIR", Files.createDirectories(dir.resolve("state")).toString());
    env.put("ACP_HEALTH_PORT", "0");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TopologyService.run(new String[0], env,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, message);
    assertTrue(message.contains("authentication failed") && message.contains("SASL_SSL")
        && message.contains("PLAIN") && message.contains("Invalid username or password"), message);

    Run init = assertTimeoutPreemptively(Duration.ofSeconds(150), () -> topics(env));
    assertEquals(1, init.status(), init.err());
    assertTrue(init.err().toLowerCase(java.util.Locale.ROOT).contains("authentication failed"), init.err());
  }

  @Test
  void withoutTheTrustStoreTheHandshakeIsRefusedClearly(@TempDir Path dir) throws Exception {
    Map<String, String> security = new HashMap<>(broker.userSettings());
    security.keySet().removeIf(k -> k.startsWith("ssl."));
    Map<String, String> env = serviceEnv(dir, security);
    env.put("ACP_STATE_DIR", Files.createDirectories(dir.resolve("state")).toString());
    env.put("ACP_HEALTH_PORT", "0");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TopologyService.run(new String[0], env,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, message);
    assertTrue(message.contains("authentication failed") && message.contains("SSL handshake failed"), message);
  }

  private static Map<String, Object> clientConfig(Map<String, String> security) {
    Map<String, Object> c = new HashMap<>(security);
    c.put("bootstrap.servers", broker.bootstrapServers());
    return c;
  }

  private static Set<String> readCommittedKeys(String topic, int count, Duration timeout) {
    Map<String, Object> c = clientConfig(broker.userSettings());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + java.util.UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Set<String> keys = new TreeSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (keys.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          keys.add(r.key());
        }
      }
    }
    return keys;
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
