package dev.acpstream.topology.errors;

import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.TopologyConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What both Kafka Streams exception handlers share: from the application's config, a serializer
 * for our {@link DeadLetter} and the raw dead-letter record for a failure, which Kafka Streams
 * then writes in the same transaction as the task's other output (KIP-1034).
 */
final class DeadLetterProducer {

  private final DeadLetters letters;
  private final Serializer<DeadLetter> serializer;

  private DeadLetterProducer(DeadLetters letters, Serializer<DeadLetter> serializer) {
    this.letters = letters;
    this.serializer = serializer;
  }

  static DeadLetterProducer from(Map<String, ?> configs) {
    ConfigValues c = new ConfigValues(configs);
    String service = c.string(StreamsConfig.APPLICATION_ID_CONFIG, "acp-stream");
    int payloadMax = (int) c.nonNegative(TopologyConfig.DEAD_LETTER_PAYLOAD_MAX_BYTES, 256 << 10);
    SerdeConfig serdes = SerdeConfig.from(configs);
    return new DeadLetterProducer(
        new DeadLetters(service, payloadMax), Topics.ERRORS_DEAD_LETTER.valueSerde(serdes).serializer());
  }

  ProducerRecord<byte[], byte[]> record(
      ErrorHandlerContext context, byte[] key, byte[] value, String reason, Exception error) {
    DeadLetter letter = letters.build(
        context.topic(), context.partition(), context.offset(), key, value, reason, error,
        System.currentTimeMillis());
    String target = Topics.ERRORS_DEAD_LETTER.name();
    byte[] sourceTopic = context.topic() == null ? null : context.topic().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(target, null, sourceTopic, serializer.serialize(target, letter));
  }
}
