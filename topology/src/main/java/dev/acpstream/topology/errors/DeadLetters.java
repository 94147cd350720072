package dev.acpstream.topology.errors;

import dev.acpstream.schemas.avro.DeadLetter;
import java.time.Instant;

/**
 * The topology's dead-letter factory: the catalog's {@link dev.acpstream.schemas.DeadLetters}
 * bound to this application's id and its {@code acp.dead-letter.payload.max.bytes}.
 */
public final class DeadLetters {

  private final String service;
  private final int payloadMaxBytes;

  public DeadLetters(String service, int payloadMaxBytes) {
    this.service = service;
    this.payloadMaxBytes = payloadMaxBytes;
  }

  /**
   * @param key the failed record's key bytes (null when it had none)
   * @param value the failed record's value bytes (null when it had none)
   */
  public DeadLetter build(
      String topic, int partition, long offset, byte[] key, byte[] value, String reason,
      Throwable error, long nowMs) {
    return dev.acpstream.schemas.DeadLetters.of(
        topic, partition, offset, key, value, reason, error, service, Instant.ofEpochMilli(nowMs),
        payloadMaxBytes);
  }
}
