package dev.acpstream.topology.errors;

/**
 * A record the topology will not process, with a machine-readable reason for the dead letter
 * and a message that names the input (track and seq, or media id).
 */
public final class Rejection extends Exception {

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public Rejection(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Rejection(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why a record went to the dead-letter topic; the name is what the DeadLetter carries. */
  public enum Reason {
    /** The record has no value (a tombstone) where media was expected. */
    NULL_VALUE,
    /** The record key differs from the id inside the value, so its state would be split. */
    KEY_MISMATCH,
    /** An audio chunk larger than {@code acp.audio.chunk.max.bytes}. */
    OVERSIZE_CHUNK,
    /** An audio encoding the live topology does not decode. */
    UNSUPPORTED_ENCODING,
    /** A sample rate that cannot be converted, or one that changes within a track. */
    UNSUPPORTED_SAMPLE_RATE,
    /** A channel count outside 1..{@code acp.audio.max.channels}, or one that changes within a track. */
    INVALID_CHANNELS,
    /** PCM bytes that are not a whole number of frames. */
    MALFORMED_PCM,
    /** NaN or infinite samples. */
    NON_FINITE_SAMPLES,
    /** A negative sequence number. */
    INVALID_SEQ,
    /** A chunk that arrives after its place was given up as a gap (it fell outside the reorder buffer). */
    OUT_OF_ORDER_BEYOND_BUFFER,
    /** A chunk whose seq was already applied, is already waiting or was already rejected: dropped. */
    DUPLICATE_CHUNK,
    /**
     * Not a record given up but a report: seqs given up as lost were filled with silence (a gap
     * up to {@code acp.audio.short-gap.max.ms}); no payload, keyed by the track.
     */
    GAP_FILLED,
    /** As {@link #GAP_FILLED}, for a longer gap: it cut the segment and the next one starts after it. */
    GAP_CUT_SEGMENT,
    /**
     * A chunk for a track that already ended or timed out; also reported (no payload) for a chunk
     * still waiting past the end-of-stream chunk when the track ends.
     */
    TRACK_CLOSED,
    /** Image bytes that do not decode. */
    CORRUPT_IMAGE,
    /** An image whose declared or decoded size passes the limits (e.g. a decompression bomb). */
    IMAGE_TOO_LARGE,
    /** An image reference that cannot be read or is not allowed. */
    BAD_REFERENCE,
    /** The image backbone failed on a decoded image. */
    BACKBONE_FAILED,
    /** Features a model cannot embed: another backbone's length, or non-finite values. */
    INCOMPATIBLE_FEATURES,
    /** Bytes that do not deserialize into the topic's record type. */
    UNDECODABLE_RECORD,
    /** Any other exception thrown while processing a record. */
    PROCESSING_FAILED
  }
}
