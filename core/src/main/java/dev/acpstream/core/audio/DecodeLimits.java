package dev.acpstream.core.audio;

/**
 * Limits that keep a hostile or mistaken input from taking unbounded time or memory.
 *
 * <p>The duration limit is checked twice: against the length a header declares (before anything
 * is decoded, so a header that claims ten hours fails at once) and against what is actually
 * decoded (streams whose length is unknown up front, or headers that lie). Decoders never size a
 * buffer from a header.
 *
 * @param maxDurationSeconds the longest input accepted, in seconds of audio
 */
public record DecodeLimits(double maxDurationSeconds) {

  /** Two hours: longer than any album track or DJ set we expect, short enough to fail fast. */
  public static final DecodeLimits DEFAULT = new DecodeLimits(2 * 3600.0);

  public DecodeLimits {
    if (!(maxDurationSeconds > 0) || Double.isInfinite(maxDurationSeconds)) {
      throw new IllegalArgumentException("maxDurationSeconds must be positive and finite: " + maxDurationSeconds);
    }
  }

  /** Fails when {@code frames} at {@code sampleRate} exceed the limit; {@code what} says whose length it is. */
  void check(String source, long frames, int sampleRate, String what) throws AudioDecodeException {
    double seconds = (double) frames / sampleRate;
    if (seconds > maxDurationSeconds) {
      throw new AudioDecodeException(
          source,
          String.format(
              "%s %s of audio, more than the maximum of %s (raise the maximum duration to accept it)",
              what, formatDuration(seconds), formatDuration(maxDurationSeconds)));
    }
  }

  static String formatDuration(double seconds) {
    long s = (long) Math.floor(seconds);
    return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
