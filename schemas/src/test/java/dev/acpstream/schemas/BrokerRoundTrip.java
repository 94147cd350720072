package dev.acpstream.schemas;

import dev.acpstream.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/** Produces through a real broker with the catalog's serdes and reads the records back. */
public final class BrokerRoundTrip {

  private BrokerRoundTrip() {}

  /** Sends {@code value} under {@code key} and returns what a fresh consumer reads back. */
  public static <V> ConsumerRecord<String, V> sendAndReadBack(
      String bootstrap, TopicSpec<String, V> spec, SerdeConfig config, String key, V value)
      throws Exception {
    Serde<String> keys = spec.keySerde(config);
    Serde<V> values = spec.valueSerde(config);
    Map<String, Object> producerConfig = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long offset;
    int partition;
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(producerConfig, keys.serializer(), values.serializer())) {
      var meta = producer.send(new ProducerRecord<>(spec.name(), key, value)).get();
      offset = meta.offset();
      partition = meta.partition();
    }
    Map<String, Object> consumerConfig = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "schemas-test-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(consumerConfig, keys.deserializer(), values.deserializer())) {
      TopicPartition tp = new TopicPartition(spec.name(), partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<ConsumerRecord<String, V>> got = new ArrayList<>();
      while (got.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      if (got.isEmpty()) {
        throw new AssertionError("nothing read back from " + tp + " at offset " + offset);
      }
      return got.get(0);
    }
  }

  public static String names(List<? extends TopicSpec<?, ?>> specs) {
    return specs.stream().map(TopicSpec::name).collect(Collectors.joining(","));
  }
}
