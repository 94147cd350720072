package dev.acpstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real broker process started through deploy/kafka-local.sh, driven by ordinary clients. */
class KafkaBrokerProcessTest {

  private static final String TOPIC = "moods";

  @Test
  void carriesCommittedTransactionsAndKeepsThemAcrossARestart(@TempDir Path dataDir)
      throws Exception {
    int firstPort;
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dataDir, Map.of())) {
      firstPort = broker.port();
      assertEquals("127.0.0.1:" + broker.port(), broker.bootstrapServers());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
      }
      produce(broker.bootstrapServers(), 50, true);
      produce(broker.bootstrapServers(), 7, false);
      assertEquals(50, countCommitted(broker.bootstrapServers()));
      assertTrue(Files.size(broker.logFile()) > 0, "broker log " + broker.logFile());
    }
    // Stopped: the exact client port can be bound again, and the data stays.
    try (ServerSocket socket = new ServerSocket(firstPort, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(firstPort, socket.getLocalPort());
    }
    assertTrue(Files.isRegularFile(dataDir.resolve("data/meta.properties")));

    try (KafkaBrokerProcess restarted = KafkaBrokerProcess.start(dataDir, Map.of())) {
      try (Admin admin =
          Admin.create(Map.of("bootstrap.servers", restarted.bootstrapServers()))) {
        assertEquals(Set.of(TOPIC), admin.listTopics().names().get());
      }
      assertEquals(50, countCommitted(restarted.bootstrapServers()));
    }
  }

  @Test
  void aMalformedBrokerSettingIsRejectedBeforeAnythingStarts(@TempDir Path dataDir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaBrokerProcess.start(dataDir, Map.of("log.retention.ms=1", "2")));
    assertTrue(e.getMessage().contains("log.retention.ms=1"), e.getMessage());
    assertFalse(Files.exists(dataDir.resolve("server.properties")));
  }

  @Test
  void aMissingScriptIsReportedWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("kafka-local.sh");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> KafkaBrokerProcess.locateScript(missing.toString(), dir));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void outsideACheckoutTheErrorNamesThePropertyToSet(@TempDir Path elsewhere) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> KafkaBrokerProcess.locateScript(null, elsewhere));
    assertTrue(e.getMessage().contains(KafkaBrokerProcess.SCRIPT_PROPERTY), e.getMessage());
  }

  private static void produce(String bootstrap, int count, boolean commit) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-process-test-" + commit);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "track-" + i, "segment-" + i));
      }
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.abortTransaction();
      }
    }
  }

  /* Reads with a fresh group until the committed records are in and a further poll adds none. */
  private static int countCommitted(String bootstrap) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "count-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    int seen = 0;
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int quietPolls = 0;
      while (System.nanoTime() < deadline && quietPolls < 3) {
        int n = consumer.poll(Duration.ofMillis(500)).count();
        seen += n;
        quietPolls = (seen > 0 && n == 0) ? quietPolls + 1 : 0;
      }
    }
    return seen;
  }
}
