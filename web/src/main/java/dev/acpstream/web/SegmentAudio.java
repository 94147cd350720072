package dev.acpstream.web;

import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatures193;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Cuts one segment out of a kept song as a 16-bit mono WAV at the song's own rate, which every
 * browser's audio element plays: the player hears exactly the 60 s the model scored (mono, as
 * the model heard it).
 */
public final class SegmentAudio {

  private SegmentAudio() {}

  /** Segment {@code index} of the paper's plan: 60-s segments from the start of the track. */
  public static byte[] wav(Path song, int index, DecodeLimits limits) throws IOException {
    return wav(song, (double) index * MusicFeatures193.SEGMENT_SECONDS, MusicFeatures193.SEGMENT_SECONDS, limits);
  }

  /**
   * @throws IllegalArgumentException when the song ends before {@code startSeconds}
   */
  public static byte[] wav(Path song, double startSeconds, double durationSeconds, DecodeLimits limits)
      throws IOException {
    try (AudioDecoder decoder = AudioDecoders.open(song, limits)) {
      int rate = decoder.info().sampleRate();
      long skip = (long) Math.floor(startSeconds * rate);
      int want = (int) Math.min(Integer.MAX_VALUE / 2, Math.round(durationSeconds * rate));
      float[] buf = new float[8192];
      while (skip > 0) {
        int r = decoder.read(buf, 0, (int) Math.min(buf.length, skip));
        if (r < 0) {
          throw new IllegalArgumentException(song.getFileName() + " ends before " + startSeconds + " s");
        }
        skip -= r;
      }
      ByteArrayOutputStream pcm = new ByteArrayOutputStream(want * 2);
      ByteBuffer le = ByteBuffer.allocate(buf.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      int got = 0;
      while (got < want) {
        int r = decoder.read(buf, 0, Math.min(buf.length, want - got));
        if (r < 0) {
          break;
        }
        le.clear();
        for (int i = 0; i < r; i++) {
          le.putShort((short) Math.max(-32768, Math.min(32767, Math.round(buf[i] * 32768f))));
        }
        pcm.write(le.array(), 0, r * 2);
        got += r;
      }
      if (got == 0) {
        throw new IllegalArgumentException(song.getFileName() + " ends before " + startSeconds + " s");
      }
      return withHeader(pcm.toByteArray(), rate);
    }
  }

  private static byte[] withHeader(byte[] pcm, int rate) {
    ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + pcm.length).put(new byte[] {'W', 'A', 'V', 'E'});
    b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(pcm.length).put(pcm);
    return b.array();
  }
}
