package dev.acpstream.schemas;

import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.serde.AvroSerdeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds the {@link DeadLetter} for a record a service gave up on, so every service reports
 * failures the same way: the reason is the {@link AvroSerdeException.Reason} for serde failures,
 * else the exception's simple class name.
 */
public final class DeadLetters {

  /** Payloads larger than this are not copied into the dead letter by default (1 MiB). */
  public static final int DEFAULT_MAX_INLINE_BYTES = 1 << 20;

  private DeadLetters() {}

  /**
   * @param key the failed record's raw key bytes (kept as a string when valid UTF-8)
   * @param value the failed record's raw value bytes; copied inline up to {@code maxInlineBytes},
   *     otherwise left out and its size noted in the message (no blob store to refer to)
   */
  public static DeadLetter of(
      String sourceTopic, int partition, long offset, byte[] key, byte[] value, Throwable error,
      String service, Instant failedAt, int maxInlineBytes) {
    return of(sourceTopic, partition, offset, key, value, reasonOf(error), error, service, failedAt,
        maxInlineBytes);
  }

  /** As above, with the reason given by the caller (a processor's own rejection code). */
  public static DeadLetter of(
      String sourceTopic, int partition, long offset, byte[] key, byte[] value, String reason,
      Throwable error, String service, Instant failedAt, int maxInlineBytes) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(reason, "reason");
    String message = error.getMessage();
    InlineBytes payload = null;
    if (value != null) {
      if (value.length <= maxInlineBytes) {
        payload = new InlineBytes(ByteBuffer.wrap(value.clone()));
      } else {
        message = (message == null ? "" : message + " ")
            + "(payload of " + value.length + " bytes not kept: over " + maxInlineBytes + ")";
      }
    }
    return DeadLetter.newBuilder()
        .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setKey(key == null ? null : keyOf(key))
        .setReason(reason)
        .setErrorClass(error.getClass().getName())
        .setErrorMessage(message)
        .setPayload(payload)
        .setFailedAt(failedAt)
        .setService(service)
        .build();
  }

  /** The machine-readable reason for {@code error}. */
  public static String reasonOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AvroSerdeException ase) {
        return ase.reason().name();
      }
    }
    return error.getClass().getSimpleName();
  }

  private static Object keyOf(byte[] key) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      return ByteBuffer.wrap(key.clone());
    }
  }
}
