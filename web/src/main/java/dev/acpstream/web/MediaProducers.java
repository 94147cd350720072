package dev.acpstream.web;

import dev.acpstream.schemas.KafkaClientSecurity;
import dev.acpstream.schemas.TopicSpec;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer behind the API and the CLI: values are encoded with each topic's own
 * serde from the catalog, so one client (one set of connections and metrics) serves every topic.
 */
public final class MediaProducers implements AutoCloseable {

  /** Thrown when Kafka did not acknowledge a record; the message names the topic and key. */
  public static final class SendFailedException extends RuntimeException {
    SendFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, byte[]> producer;
  private final SerdeConfig serdes;
  private final Duration timeout;
  private final Map<String, Serializer<?>> serializers = new ConcurrentHashMap<>();

  /**
   * @param maxRequestBytes the largest record this producer may send
   */
  public MediaProducers(String bootstrapServers, SerdeConfig serdes, Duration timeout, int maxRequestBytes) {
    this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), serdes, timeout, maxRequestBytes);
  }

  /**
   * @param connection {@code bootstrap.servers} and the Kafka security settings ({@link
   *     KafkaClientSecurity}); other keys are ignored
   * @param maxRequestBytes the largest record this producer may send
   */
  public MediaProducers(Map<String, ?> connection, SerdeConfig serdes, Duration timeout, int maxRequestBytes) {
    this.serdes = serdes;
    this.timeout = timeout;
    Map<String, Object> c = new HashMap<>(KafkaClientSecurity.of(connection));
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "acp-web-producer-" + Integer.toHexString(System.identityHashCode(this)));
    c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 5_000);
    this.producer = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends and waits for the acknowledgement. */
  public <V> RecordMetadata send(TopicSpec<String, V> topic, String key, V value) {
    return await(topic, key, sendAsync(topic, key, value));
  }

  /** Sends without waiting; {@link #flush()} or the future tells whether it arrived. */
  public <V> Future<RecordMetadata> sendAsync(TopicSpec<String, V> topic, String key, V value) {
    byte[] bytes = serializer(topic).serialize(topic.name(), value);
    return producer.send(new ProducerRecord<>(topic.name(), key, bytes));
  }

  /** Waits for {@code sent}, naming the topic and key when it failed. */
  public RecordMetadata await(TopicSpec<String, ?> topic, String key, Future<RecordMetadata> sent) {
    try {
      return sent.get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new SendFailedException("Kafka refused the record for " + topic.name() + " key '" + key + "': "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new SendFailedException("Kafka did not acknowledge the record for " + topic.name() + " key '"
          + key + "' within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SendFailedException("interrupted while sending to " + topic.name(), e);
    }
  }

  public void flush() {
    producer.flush();
  }

  /** The client, for its metrics. */
  public Producer<String, byte[]> client() {
    return producer;
  }

  @SuppressWarnings("unchecked")
  private <V> Serializer<V> serializer(TopicSpec<String, V> topic) {
    return (Serializer<V>) serializers.computeIfAbsent(topic.name(), n -> topic.valueSerde(serdes).serializer());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
