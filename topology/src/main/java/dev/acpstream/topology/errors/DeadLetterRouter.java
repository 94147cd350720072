package dev.acpstream.topology.errors;

import dev.acpstream.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends a record a processor gave up on to the dead-letter sink, keyed by its source topic, with
 * its source coordinates and (re-serialized) value, so processing can go on with the next one.
 */
public final class DeadLetterRouter<V> {

  private final DeadLetters letters;
  private final Serializer<V> valueSerializer;
  private final String sinkName;

  public DeadLetterRouter(DeadLetters letters, Serializer<V> valueSerializer, String sinkName) {
    this.letters = letters;
    this.valueSerializer = valueSerializer;
    this.sinkName = sinkName;
  }

  public void route(
      ProcessorContext<String, Object> context, Record<String, V> record, String reason, Throwable error) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String topic = meta == null || meta.topic() == null ? "" : meta.topic();
    byte[] value = null;
    if (record.value() != null) {
      try {
        value = valueSerializer.serialize(topic, record.value());
      } catch (RuntimeException e) {
        value = null; // the reason and message still say what failed
      }
    }
    send(context, topic, meta, record.key(), value, reason, error, record.timestamp());
  }

  /**
   * Reports what a processor did to a stream rather than a record it gave up (a gap it filled or
   * cut), so the loss is accounted for on the same topic. No payload: a replay must not process
   * anything again. The coordinates are those of the record being processed; in a wall-clock
   * punctuation there is none, so they are -1 and the topic is {@code inputTopic}.
   */
  public void report(
      ProcessorContext<String, Object> context, String inputTopic, String key, Rejection what, long timestamp) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String topic = meta == null || meta.topic() == null ? inputTopic : meta.topic();
    send(context, topic, meta, key, null, what.reason().name(), what, timestamp);
  }

  private void send(
      ProcessorContext<String, Object> context, String topic, RecordMetadata meta, String key, byte[] value,
      String reason, Throwable error, long timestamp) {
    boolean located = meta != null && meta.topic() != null;
    DeadLetter letter = letters.build(
        topic,
        located ? meta.partition() : -1,
        located ? meta.offset() : -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value,
        reason,
        error,
        context.currentSystemTimeMs());
    context.forward(new Record<String, Object>(topic, letter, timestamp), sinkName);
  }
}
