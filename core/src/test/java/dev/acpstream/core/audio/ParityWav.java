package dev.acpstream.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the parity references' WAV files (PCM 16-bit mono) as librosa loads them: int16 / 32768.
 * Test-only; the product's decoders live elsewhere.
 */
final class ParityWav {

  private ParityWav() {}

  static float[] read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IOException(file + ": not a RIFF/WAVE file");
    }
    int pos = 12;
    boolean fmtOk = false;
    while (pos + 8 <= b.limit()) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        int format = b.getShort(body) & 0xffff;
        int channels = b.getShort(body + 2);
        int rate = b.getInt(body + 4);
        int bits = b.getShort(body + 14);
        if (format != 1 || channels != 1 || bits != 16 || rate != MusicFeatures193.SAMPLE_RATE) {
          throw new IOException(
              file + ": expected PCM16 mono 22050 Hz, got format " + format + ", " + channels
                  + " ch, " + bits + " bit, " + rate + " Hz");
        }
        fmtOk = true;
      } else if (id == 0x61746164) { // "data"
        if (!fmtOk) {
          throw new IOException(file + ": data chunk before fmt chunk");
        }
        int n = Math.min(size, b.limit() - body) / 2;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
          y[i] = b.getShort(body + 2 * i) / 32768f;
        }
        return y;
      }
      pos = body + size + (size & 1);
    }
    throw new IOException(file + ": no data chunk");
  }
}
