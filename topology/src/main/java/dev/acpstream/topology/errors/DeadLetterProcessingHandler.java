package dev.acpstream.topology.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the processors' own rejections: an unexpected exception while processing
 * a record dead-letters that record (its source bytes, reason {@code PROCESSING_FAILED}) instead
 * of stopping the stream thread.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private DeadLetterProducer producer;

  @Override
  public void configure(Map<String, ?> configs) {
    producer = DeadLetterProducer.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.warn("dead-lettering record {}-{}@{} after a processing failure in {}",
        context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
    return Response.resume(List.of(producer.record(
        context, context.sourceRawKey(), context.sourceRawValue(),
        Rejection.Reason.PROCESSING_FAILED.name(), exception)));
  }
}
