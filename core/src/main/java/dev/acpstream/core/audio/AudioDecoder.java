package dev.acpstream.core.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull decoder delivering MONO float samples (the channel mean, librosa's {@code to_mono}) at
 * the source's own sample rate, one block at a time, so memory stays bounded whatever the input
 * length. Not thread-safe.
 */
public interface AudioDecoder extends Closeable {

  AudioStreamInfo info();

  /**
   * Reads up to {@code len} mono samples into {@code dst}; returns how many, or -1 at the end of
   * the audio. Throws {@link AudioDecodeException} (naming the input) on corrupt or truncated data
   * and when the decoded length passes the {@link DecodeLimits}.
   */
  int read(float[] dst, int off, int len) throws IOException;
}
