package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.InvalidArtifactException;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.model.ModelRecords;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's side of {@code models.acpnet}. At start it reads the topic to its end: the latest
 * champion and the highest {@code vN} version ever published are the trainer's memory of what it
 * published, so a restart neither republishes nor reuses a version number. Publishing waits for
 * the broker's acknowledgement.
 */
final class ModelsTopic implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelsTopic.class);
  private static final Pattern VERSION = Pattern.compile("v(\\d+)");

  /** What the topic held at start. */
  record History(Champion champion, long highestVersion) {}

  private final TrainerConfig config;
  private final KafkaProducer<String, AcpNetModel> producer;

  ModelsTopic(TrainerConfig config) {
    this.config = config;
    SerdeConfig serdes = config.serdeConfig();
    this.producer = new KafkaProducer<>(config.producerProperties(),
        Topics.MODELS_ACPNET.keySerde(serdes).serializer(),
        Topics.MODELS_ACPNET.valueSerde(serdes).serializer());
  }

  History read(Duration timeout) {
    SerdeConfig serdes = config.serdeConfig();
    Map<String, Object> props = new HashMap<>(config.kafkaSecurity());
    props.put("bootstrap.servers", config.bootstrapServers());
    props.put("max.partition.fetch.bytes", Topics.MODEL_MAX_MESSAGE_BYTES);
    props.put("fetch.max.bytes", Topics.MODEL_MAX_MESSAGE_BYTES);
    props.put("enable.auto.commit", "false");
    props.put("isolation.level", "read_committed");
    AcpNetModel latest = null;
    long highest = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, AcpNetModel> consumer = new KafkaConsumer<>(props,
        Topics.MODELS_ACPNET.keySerde(serdes).deserializer(),
        Topics.MODELS_ACPNET.valueSerde(serdes).deserializer())) {
      // The catalog gives the topic one partition; a deployment that overrode that still has
      // every record of one key in one partition, so read them all.
      List<TopicPartition> parts = consumer.partitionsFor(Topics.MODELS_ACPNET.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
      while (parts.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + Topics.MODELS_ACPNET.name()
              + " to its end " + end + " within " + timeout);
        }
        for (ConsumerRecord<String, AcpNetModel> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue;
          }
          Matcher m = VERSION.matcher(r.value().getVersion());
          if (m.matches() && m.group(1).length() < 18) {
            highest = Math.max(highest, Long.parseLong(m.group(1)));
          }
          if (ModelRecords.CHAMPION.equals(r.key())) {
            latest = r.value();
          }
        }
      }
    }
    return new History(latest == null ? null : champion(latest), highest);
  }

  private static Champion champion(AcpNetModel record) {
    Map<String, Double> metrics = new HashMap<>();
    record.getMetrics().forEach((k, v) -> metrics.put(k.toString(), v));
    try {
      return new Champion(record.getVersion(), ModelRecords.artifact(record).model(), metrics);
    } catch (InvalidArtifactException e) {
      LOG.warn("champion {} cannot be loaded ({}); the next scorable challenger replaces it",
          record.getVersion(), e.getMessage());
      return new Champion(record.getVersion(), null, metrics);
    }
  }

  void publish(AcpNetModel record) {
    try {
      producer.send(new ProducerRecord<>(Topics.MODELS_ACPNET.name(), record.getModelName(), record))
          .get(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + record.getVersion(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish model " + record.getVersion() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
