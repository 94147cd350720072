package dev.acpstream.core.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes a file to mono at {@link MusicFeatures193#SAMPLE_RATE}, block by block: the decoder's
 * channel mean, then {@link Resampler} when the source rate differs (librosa.load's order).
 */
public final class AudioInput {

  private static final int BLOCK = 16384;

  private AudioInput() {}

  /**
   * Streams {@code file} into {@code sink} as 22050-Hz mono blocks and returns what the headers
   * said. Memory stays bounded by the block size, whatever the file's length.
   */
  public static AudioStreamInfo stream(Path file, DecodeLimits limits, SampleSink sink) throws IOException {
    try (AudioDecoder decoder = AudioDecoders.open(file, limits)) {
      return stream(decoder, file.toString(), sink);
    }
  }

  /** Streams an open decoder into {@code sink}, resampled to 22050 Hz; {@code source} names it in errors. */
  public static AudioStreamInfo stream(AudioDecoder decoder, String source, SampleSink sink) throws IOException {
    AudioStreamInfo info = decoder.info();
    Resampler resampler = new Resampler(info.sampleRate(), MusicFeatures193.SAMPLE_RATE);
    float[] block = new float[BLOCK];
    long total = 0;
    int n;
    while ((n = decoder.read(block, 0, block.length)) >= 0) {
      total += n;
      resampler.process(block, 0, n, sink);
    }
    if (total == 0) {
      throw new AudioDecodeException(source, "no audio samples (" + info.codec() + " stream is empty)");
    }
    resampler.finish(sink);
    return info;
  }

  /** The whole file as one 22050-Hz mono array (tests, short clips; prefer {@link #stream} for long files). */
  public static float[] load(Path file, DecodeLimits limits) throws IOException {
    Collector c = new Collector();
    stream(file, limits, c);
    return Arrays.copyOf(c.data, c.size);
  }

  private static final class Collector implements SampleSink {
    float[] data = new float[1 << 16];
    int size;

    @Override
    public void accept(float[] samples, int off, int len) {
      if (size + len > data.length) {
        data = Arrays.copyOf(data, Math.max(size + len, data.length * 2));
      }
      System.arraycopy(samples, off, data, size, len);
      size += len;
    }
  }
}
