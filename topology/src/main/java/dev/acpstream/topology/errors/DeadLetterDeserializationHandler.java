package dev.acpstream.topology.errors;

import dev.acpstream.schemas.serde.AvroSerdeException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undecodable input (corrupt Avro, unknown schema, truncated bytes) becomes one of our
 * {@code DeadLetter} records on {@code errors.dead-letter}, carrying the raw bytes and the
 * serde's reason, and the task goes on with the next record.
 *
 * <p>Kafka Streams' own dead-letter facility ({@code errors.dead.letter.queue.topic.name}) would
 * copy the raw record with the exception in headers; our consumers read one Avro contract
 * instead, so this handler returns its own records through the same KIP-1034 hook.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private DeadLetterProducer producer;

  @Override
  public void configure(Map<String, ?> configs) {
    producer = DeadLetterProducer.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = exception instanceof AvroSerdeException a
        ? a.reason().name()
        : Rejection.Reason.UNDECODABLE_RECORD.name();
    LOG.warn("dead-lettering undecodable record {}-{}@{}: {}",
        context.topic(), context.partition(), context.offset(), exception.getMessage());
    return Response.resume(List.of(producer.record(context, record.key(), record.value(), reason, exception)));
  }
}
