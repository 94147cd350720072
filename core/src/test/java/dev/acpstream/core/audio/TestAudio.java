package dev.acpstream.core.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Fixtures and signal makers shared by the audio tests. */
final class TestAudio {

  static final int SR = MusicFeatures193.SAMPLE_RATE;

  private TestAudio() {}

  /** A committed fixture under src/test/resources/audio. */
  static Path fixture(String name) {
    try {
      return Path.of(TestAudio.class.getResource("/audio/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture audio/" + name, e);
    }
  }

  /** A noisy, pitched test signal (deterministic) of {@code n} samples. */
  static float[] music(int n, long seed) {
    Random r = new Random(seed);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / SR;
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 331 * t * (1 + 0.01 * Math.sin(t)))
          + 0.05 * r.nextGaussian());
    }
    return y;
  }

  /** Writes a canonical 16-bit PCM WAV of {@code channels} interleaved channels. */
  static Path writeWav16(Path file, int rate, int channels, float[] interleaved) throws IOException {
    ByteBuffer data = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : interleaved) {
      data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
    }
    Files.write(file, wav(1, rate, channels, 16, data.array(), data.capacity()));
    return file;
  }

  /** WAV bytes with a 'data' chunk that DECLARES {@code declaredBytes} but holds {@code data}. */
  static byte[] wav(int tag, int rate, int channels, int bits, byte[] data, long declaredBytes) {
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    int align = channels * bits / 8;
    h.put("RIFF".getBytes()).putInt((int) (36 + declaredBytes)).put("WAVE".getBytes());
    h.put("fmt ".getBytes()).putInt(16).putShort((short) tag).putShort((short) channels).putInt(rate)
        .putInt(rate * align).putShort((short) align).putShort((short) bits);
    h.put("data".getBytes()).putInt((int) declaredBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h.array());
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** Signal-to-error ratio in dB of {@code actual} against {@code expected} over [from, to). */
  static double snrDb(float[] expected, float[] actual, int from, int to) {
    double e = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      double d = actual[i] - expected[i];
      e += d * d;
      s += (double) expected[i] * expected[i];
    }
    return 10 * Math.log10(s / e);
  }

  static float maxAbsDiff(float[] a, float[] b) {
    float m = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  static float[] scaled(float[] a, float k) {
    float[] b = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] * k;
    }
    return b;
  }
}
