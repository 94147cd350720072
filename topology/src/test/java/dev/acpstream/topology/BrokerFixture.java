package dev.acpstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.embedded.EmbeddedKafka;
import dev.acpstream.schemas.TopicAdmin;
import dev.acpstream.schemas.TopicSettings;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;

/** A real in-process broker with the catalog's topics (2 partitions each) and the clients tests need. */
public final class BrokerFixture implements AutoCloseable {

  public static final SerdeConfig SERDES = SerdeConfig.singleObject();

  private final EmbeddedKafka kafka;

  private BrokerFixture(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  public static BrokerFixture start() {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    Properties admin = new Properties();
    admin.put("bootstrap.servers", kafka.bootstrapServers());
    try (Admin a = Admin.create(admin)) {
      TopicAdmin.ensureTopics(a, TopicSettings.from(Map.<String, Object>of(TopicSettings.PARTITIONS, "2")));
    }
    return new BrokerFixture(kafka);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** A topology config for this broker: quick commits, and a short session so a restart takes over fast. */
  public TopologyConfig config(String applicationId, Path stateDir) {
    return config(applicationId, stateDir, Map.of());
  }

  /** As {@link #config(String, Path)}, with {@code overrides} (e.g. smaller limits) on top. */
  public TopologyConfig config(String applicationId, Path stateDir, Map<String, String> overrides) {
    Properties props = new Properties();
    props.setProperty(TopologyConfig.APPLICATION_ID, applicationId);
    props.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    props.setProperty(TopologyConfig.STATE_DIR, stateDir.toString());
    props.setProperty("commit.interval.ms", "200");
    // Kafka Streams does not leave the group on close; a short session lets the restarted
    // instance take the partitions over in seconds rather than 45 s.
    props.setProperty("consumer.session.timeout.ms", "6000");
    props.putAll(overrides);
    return TopologyConfig.from(props, Map.of());
  }

  /** A producer for {@code topic}; large enough for inline model records. */
  public <V> KafkaProducer<String, V> producer(TopicSpec<String, V> topic) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_MESSAGE_BYTES),
        topic.keySerde(SERDES).serializer(), topic.valueSerde(SERDES).serializer());
  }

  public <V> List<ConsumerRecord<String, V>> readCommitted(TopicSpec<String, V> topic, int count, Duration timeout) {
    return readCommitted(topic, "", count, timeout);
  }

  /**
   * Reads the topic from the start with read_committed until {@code count} records whose key
   * starts with {@code prefix}, then one more poll so a duplicate would show; sorted by key.
   */
  public <V> List<ConsumerRecord<String, V>> readCommitted(
      TopicSpec<String, V> topic, String prefix, int count, Duration timeout) {
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + java.util.UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde(SERDES).deserializer(), topic.valueSerde(SERDES).deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key().startsWith(prefix)) {
            out.add(r);
          }
        }
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> {
        if (r.key().startsWith(prefix)) {
          out.add(r);
        }
      });
    }
    assertTrue(out.size() >= count, "read " + out.size() + " of " + count + " from " + topic.name());
    out.sort((x, y) -> x.key().compareTo(y.key()));
    return out;
  }

  public static void waitUntilRunning(KafkaStreams streams) throws InterruptedException {
    waitFor(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(60), "RUNNING");
    assertEquals(KafkaStreams.State.RUNNING, streams.state());
  }

  public static void waitFor(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    kafka.close();
  }
}
