package dev.acpstream.trainer;

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
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A real in-process broker with the catalog's topics, and the clients the tests talk to it with. */
final class KafkaFixture implements AutoCloseable {

  static final SerdeConfig SERDES = SerdeConfig.singleObject();

  final EmbeddedKafka kafka;

  KafkaFixture() {
    kafka = EmbeddedKafka.start();
    Properties admin = new Properties();
    admin.put("bootstrap.servers", kafka.bootstrapServers());
    try (Admin a = Admin.create(admin)) {
      TopicAdmin.ensureTopics(a, TopicSettings.from(Map.<String, Object>of(TopicSettings.PARTITIONS, "2")));
    }
  }

  /** A trainer config for tests: tiny network and runs, fast checks, its own directories. */
  Properties trainerProps(String applicationId, Path dir) {
    Properties p = new Properties();
    p.setProperty(TrainerConfig.APPLICATION_ID, applicationId);
    p.setProperty(TrainerConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    p.setProperty(TrainerConfig.WORK_DIR, dir.resolve("work").toString());
    p.setProperty(TrainerConfig.STATE_DIR, dir.resolve("state").toString());
    p.setProperty(TrainerConfig.BACKBONE, SyntheticMedia.BACKBONE);
    p.setProperty(TrainerConfig.ARCHITECTURE, "compact");
    p.setProperty(TrainerConfig.CHECK_INTERVAL_MS, "200");
    p.setProperty(TrainerConfig.MIN_LABELS_PER_CLASS, "3");
    p.setProperty(TrainerConfig.EPOCHS, "20");
    p.setProperty(TrainerConfig.PATIENCE, "8");
    p.setProperty(TrainerConfig.LEARNING_RATE, "0.003");
    p.setProperty(TrainerConfig.MUSIC_PER_BATCH, "8");
    p.setProperty(TrainerConfig.PROBES, "false");
    p.setProperty("commit.interval.ms", "100");
    // Kafka Streams does not leave the group on close; a short session lets a restart take over fast.
    p.setProperty("consumer.session.timeout.ms", "6000");
    return p;
  }

  <V> KafkaProducer<String, V> producer(TopicSpec<String, V> topic) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        topic.keySerde(SERDES).serializer(), topic.valueSerde(SERDES).serializer());
  }

  <V> void send(TopicSpec<String, V> topic, List<ProducerRecord<String, V>> records) {
    try (KafkaProducer<String, V> p = producer(topic)) {
      for (ProducerRecord<String, V> r : records) {
        p.send(r);
      }
      p.flush();
    }
  }

  /** Every record of {@code topic} from the start that {@code keep} accepts, read until {@code until} holds or the timeout. */
  <V> List<ConsumerRecord<String, V>> readAll(TopicSpec<String, V> topic, Duration timeout,
      java.util.function.Predicate<List<ConsumerRecord<String, V>>> until) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODEL_MAX_MESSAGE_BYTES);
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c = new KafkaConsumer<>(props, topic.keySerde(SERDES).deserializer(),
        topic.valueSerde(SERDES).deserializer())) {
      c.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !until.test(out)) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
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
