package dev.acpstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcmChunksTest {

  @Test
  void int16IsScaledBy32768AndClampedFloat32IsExact() {
    float[] mono = {0f, 0.5f, -1f, 1f, 2f, 0.123456789f, 99f};
    AudioChunk s16 = PcmChunks.chunk("t", "k", 3, AudioEncoding.PCM_S16LE, 44100, mono, 6, true);
    ByteBuffer b = s16.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(12, b.remaining(), "only the first n samples");
    assertEquals(0, b.getShort());
    assertEquals(16384, b.getShort());
    assertEquals(-32768, b.getShort());
    assertEquals(32767, b.getShort(), "1.0 clamps to the int16 maximum");
    assertEquals(32767, b.getShort());
    assertEquals(Math.round(0.123456789f * 32768f), b.getShort());
    assertEquals("t", s16.getTrackId());
    assertEquals(3, s16.getSeq());
    assertEquals(44100, s16.getSampleRate());
    assertTrue(s16.getEndOfStream());

    ByteBuffer f = PcmChunks.chunk("t", null, 0, AudioEncoding.PCM_F32LE, 22050, mono, 7, false)
        .getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (float x : mono) {
      assertEquals(x, f.getFloat());
    }
  }

  @Test
  void compressedEncodingsAreRefusedNamingThem() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> PcmChunks.chunk("t", null, 0, AudioEncoding.MP3, 22050, new float[1], 1, false));
    assertTrue(e.getMessage().contains("MP3"), e.getMessage());
  }
}
