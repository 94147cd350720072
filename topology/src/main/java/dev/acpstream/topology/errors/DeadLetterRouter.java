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
    String topic = meta == null ? "" : meta.topic();
    byte[] value = null;
    if (record.value() != null) {
      try {
        value = valueSerializer.serialize(topic, record.value());
      } catch (RuntimeException e) {
        value = null; // the reason and message still say what failed
      }
    }
    DeadLetter letter = letters.build(
        topic,
        meta == null ? -1 : meta.partition(),
        meta == null ? -1 : meta.offset(),
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
        value,
        reason,
        error,
        context.currentSystemTimeMs());
    context.forward(new Record<String, Object>(topic, letter, record.timestamp()), sinkName);
  }
}
