package dev.acpstream.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads 16-bit PCM WAV as librosa does: int16 / 32768, channels averaged. Test-only. */
final class WavReader {

  private WavReader() {}

  static float[] read(Path path) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IOException(path + " is not a RIFF/WAVE file");
    }
    int channels = 0;
    int bits = 0;
    int pos = 12;
    while (pos + 8 <= b.limit()) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        channels = b.getShort(body + 2);
        bits = b.getShort(body + 14);
      } else if (id == 0x61746164) { // "data"
        if (bits != 16 || channels < 1) {
          throw new IOException(path + ": only 16-bit PCM is supported, got " + bits + " bits");
        }
        int frames = Math.min(size, b.limit() - body) / (2 * channels);
        float[] y = new float[frames];
        for (int i = 0; i < frames; i++) {
          float sum = 0f;
          for (int c = 0; c < channels; c++) {
            sum += b.getShort(body + 2 * (i * channels + c)) / 32768f;
          }
          y[i] = sum / channels;
        }
        return y;
      }
      pos = body + size + (size & 1);
    }
    throw new IOException(path + " has no data chunk");
  }
}
