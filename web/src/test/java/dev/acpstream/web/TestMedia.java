package dev.acpstream.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's sample media, and small generated audio. */
final class TestMedia {

  static final Path SAMPLES = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples");

  private TestMedia() {}

  static Path image(String name) {
    return SAMPLES.resolve("images").resolve(name);
  }

  static byte[] imageBytes(String name) throws IOException {
    return Files.readAllBytes(image(name));
  }

  static Path song(String name) {
    return SAMPLES.resolve("audio").resolve(name);
  }

  /** A 16-bit mono WAV of {@code seconds} of a 440 Hz tone with a slow tremolo. */
  static byte[] toneWav(double seconds, int rate) {
    int n = (int) Math.round(seconds * rate);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      double t = (double) i / rate;
      b.putShort((short) Math.round(12000 * Math.sin(2 * Math.PI * 440 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.5 * t))));
    }
    return b.array();
  }

  /** {@code pcm} as little-endian signed 16-bit samples. */
  static byte[] s16(short... samples) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (short s : samples) {
      out.write(s & 0xFF);
      out.write((s >> 8) & 0xFF);
    }
    return out.toByteArray();
  }
}
