package dev.acpstream.core.audio;

import java.io.IOException;

/**
 * An audio input that cannot be decoded: empty, truncated, not audio, an unsupported codec, or
 * longer than the configured limit. The message always starts with the name of the input, so a
 * user running over many files knows which one failed.
 */
public class AudioDecodeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;

  public AudioDecodeException(String source, String problem) {
    super(source + ": " + problem);
    this.source = source;
  }

  public AudioDecodeException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
  }

  /** The name of the input that failed (a path or a stream id). */
  public String source() {
    return source;
  }
}
