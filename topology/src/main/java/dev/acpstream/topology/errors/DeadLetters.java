package dev.acpstream.topology.errors;

import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.InlineBytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the product's {@link DeadLetter} records: where the failed record came from, its key,
 * why it failed, and its bytes when they are small enough to carry.
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
    String message = error.getMessage();
    Object payload = null;
    if (value != null && value.length <= payloadMaxBytes) {
      payload = new InlineBytes(ByteBuffer.wrap(value));
    } else if (value != null) {
      message = message + " [payload of " + value.length + " bytes left out: over "
          + payloadMaxBytes + " (acp.dead-letter.payload.max.bytes)]";
    }
    return DeadLetter.newBuilder()
        .setSourceTopic(topic == null ? "" : topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setKey(keyOf(key))
        .setReason(reason)
        .setErrorClass(error.getClass().getName())
        .setErrorMessage(message)
        .setPayload(payload)
        .setFailedAt(Instant.ofEpochMilli(nowMs))
        .setService(service)
        .build();
  }

  /** A string when the key is valid UTF-8, else the raw bytes. */
  static Object keyOf(byte[] key) {
    if (key == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      return ByteBuffer.wrap(key);
    }
  }
}
