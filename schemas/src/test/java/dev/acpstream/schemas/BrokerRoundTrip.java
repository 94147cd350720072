package dev.acpstream.schemas;

import dev.acpstream.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Produces one record per catalog topic through a real broker and reads them back, with one
 * producer and one consumer whose value (de)serializers hand each topic to that topic's catalog
 * serde (clients are slow to start on a loaded machine; the serdes are what is under test).
 */
public final class BrokerRoundTrip {

  private BrokerRoundTrip() {}

  /** Sends each value to its topic under {@code key} and returns what was read back, by topic. */
  public static Map<String, ConsumerRecord<String, SpecificRecord>> sendAndReadBack(
      String bootstrap, SerdeConfig config, String key, Map<String, SpecificRecord> valuesByTopic)
      throws Exception {
    Map<String, Serde<SpecificRecord>> serdes = new HashMap<>();
    for (String topic : valuesByTopic.keySet()) {
      @SuppressWarnings("unchecked")
      TopicSpec<String, SpecificRecord> spec = (TopicSpec<String, SpecificRecord>) Topics.byName(topic);
      serdes.put(topic, spec.valueSerde(config));
    }
    Serializer<SpecificRecord> byTopicSerializer =
        (topic, value) -> serdes.get(topic).serializer().serialize(topic, value);
    Deserializer<SpecificRecord> byTopicDeserializer =
        (topic, bytes) -> serdes.get(topic).deserializer().deserialize(topic, bytes);
    Serde<String> keys = Topics.MEDIA_IMAGES.keySerde(config);

    Map<String, Object> producerConfig = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(producerConfig, keys.serializer(), byTopicSerializer)) {
      List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
      valuesByTopic.forEach((topic, value) -> sent.add(producer.send(new ProducerRecord<>(topic, key, value))));
      for (var f : sent) {
        RecordMetadata m = f.get();
        offsets.put(new TopicPartition(m.topic(), m.partition()), m.offset());
      }
    }
    Map<String, Object> consumerConfig = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "schemas-test-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, ConsumerRecord<String, SpecificRecord>> got = new LinkedHashMap<>();
    try (KafkaConsumer<String, SpecificRecord> consumer =
        new KafkaConsumer<>(consumerConfig, keys.deserializer(), byTopicDeserializer)) {
      consumer.assign(offsets.keySet());
      offsets.forEach(consumer::seek);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (got.size() < valuesByTopic.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> got.putIfAbsent(r.topic(), r));
      }
    }
    if (got.size() < valuesByTopic.size()) {
      throw new AssertionError("read back only " + got.keySet() + " of " + valuesByTopic.keySet());
    }
    return got;
  }
}
