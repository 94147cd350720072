package dev.acpstream.topology;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A deterministic test signal and its 1-s PCM_S16LE chunks. */
public final class TestAudio {

  public static final int RATE = MusicFeatures193.SAMPLE_RATE;
  /**
   * producedAt of chunk 0 (chunk n: n seconds later). Pairing compares the media's own times, so
   * a test's images are uploaded on this clock too, not the wall clock.
   */
  public static final long EPOCH_MS = 1_700_000_000_000L;

  private TestAudio() {}

  /**
   * {@code seconds} of a tone whose pitch and loudness drift, plus noise, quantized to int16 so
   * the floats the topology decodes (int16 / 32768) are exactly these.
   */
  public static float[] signal(double seconds, long seed) {
    return signal(seconds, seed, RATE);
  }

  /** As {@link #signal(double, long)}, sampled at {@code rate}. */
  public static float[] signal(double seconds, long seed, int rate) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] y = new float[(int) Math.round(seconds * rate)];
    double phase = 0;
    for (int i = 0; i < y.length; i++) {
      double t = (double) i / rate;
      phase += 2 * Math.PI * (220 + 30 * Math.sin(t / 7)) / rate;
      double v = (0.3 + 0.2 * Math.sin(t / 3)) * Math.sin(phase) + 0.05 * (random.nextDouble() - 0.5);
      y[i] = (short) Math.round(v * 32767) / 32768f;
    }
    return y;
  }

  /** 1-s chunks (the last one shorter), the last marked end of stream. */
  public static List<AudioChunk> chunks(String trackId, float[] y) {
    return chunks(trackId, y, RATE);
  }

  /** 1-s chunks at {@code rate}. */
  public static List<AudioChunk> chunks(String trackId, float[] y, int rate) {
    List<AudioChunk> out = new ArrayList<>();
    long seq = 0;
    for (int from = 0; from < y.length; from += rate) {
      int to = Math.min(y.length, from + rate);
      out.add(builder(trackId, seq++, Arrays.copyOfRange(y, from, to), to == y.length).setSampleRate(rate).build());
    }
    return out;
  }

  public static AudioChunk chunk(String trackId, long seq, float[] samples, boolean end) {
    return builder(trackId, seq, samples, end).build();
  }

  /** A builder for a chunk, to change one field of it (Avro's copy builders are not used: see SerializablePackages). */
  public static AudioChunk.Builder builder(String trackId, long seq, float[] samples, boolean end) {
    ByteBuffer data = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      data.putShort((short) Math.round(s * 32768f));
    }
    data.flip();
    return AudioChunk.newBuilder()
        .setTrackId(trackId)
        .setPairingKey("party-1")
        .setSeq(seq)
        .setEncoding(AudioEncoding.PCM_S16LE)
        .setSampleRate(RATE)
        .setChannels(1)
        .setData(data)
        .setEndOfStream(end)
        .setProducedAt(Instant.ofEpochMilli(EPOCH_MS + seq * 1000));
  }

  /** {@code y} with seconds [from, to) replaced by silence. */
  public static float[] silenced(float[] y, int fromSecond, int toSecond) {
    float[] copy = y.clone();
    Arrays.fill(copy, fromSecond * RATE, Math.min(copy.length, toSecond * RATE), 0f);
    return copy;
  }
}
