package dev.acpstream.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Watches an output topic read_uncommitted, so it sees a record the moment it is written, while
 * its transaction is still open, and calls back on the first record whose key matches once armed.
 * The drill uses it to kill an instance at the worst moment: right after it wrote a segment and
 * before it committed.
 */
final class OutputWatch implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicReference<Predicate<String>> armed = new AtomicReference<>();
  private final AtomicReference<Consumer<String>> action = new AtomicReference<>();

  OutputWatch(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "soak-watch-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
        Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position);
    thread = new Thread(this::loop, "output-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** From now on, the first record whose key passes {@code keys} runs {@code then} (once, on the watch thread). */
  void arm(Predicate<String> keys, Consumer<String> then) {
    action.set(then);
    armed.set(keys);
  }

  private void loop() {
    while (running.get()) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
        Predicate<String> p = armed.get();
        if (p != null && r.key() != null && p.test(r.key()) && armed.compareAndSet(p, null)) {
          action.get().accept(r.key());
        }
      }
    }
    consumer.close(Duration.ofSeconds(2));
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
