package dev.acpstream.topology.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.topology.TestAudio;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** Block values decode to the very float bits that went in, in half the bytes when they are int16 samples. */
class SampleBlocksTest {

  @Test
  void int16SamplesTakeTwoBytesAndComeBackBitExact() {
    float[] y = TestAudio.signal(1, 3); // quantized to k / 32768
    byte[] v = SampleBlocks.encode(y, 0, y.length);
    assertEquals(1 + 2 * y.length, v.length);
    assertArrayEquals(y, decoded(v));
  }

  @Test
  void anyOtherFloatKeepsFourBytes() {
    float[] y = TestAudio.signal(1, 3);
    y[100] = 0.1f; // not a multiple of 1 / 32768
    byte[] v = SampleBlocks.encode(y, 0, y.length);
    assertEquals(1 + 4 * y.length, v.length);
    assertArrayEquals(y, decoded(v));
  }

  @Test
  void edgeValuesKeepTheirBits() {
    float[] y = {-1f, 32767 / 32768f, 0f, -0f, 1f, Float.MIN_VALUE};
    float[] back = decoded(SampleBlocks.encode(y, 0, y.length));
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(back[i]), "value " + i);
    }
    // -1 and 32767/32768 alone are int16; 1.0 is one step past int16's range.
    assertEquals(1 + 2 * 2, SampleBlocks.encode(y, 0, 2).length);
    assertEquals(1 + 4, SampleBlocks.encode(new float[] {1f}, 0, 1).length);
  }

  @Test
  void decodesAnyRangeOfTheBlock() {
    float[] y = TestAudio.signal(0.1, 4);
    byte[] v = SampleBlocks.encode(y, 10, 500);
    float[] part = new float[120];
    SampleBlocks.decode(v, 30, part, 20, 100);
    assertArrayEquals(Arrays.copyOfRange(y, 40, 140), Arrays.copyOfRange(part, 20, 120));
  }

  @Test
  void keysOrderATracksBlocksByPositionAndNoTrackPrefixesAnother() {
    byte[] a = SampleBlocks.prefix("a", SampleBlocks.WINDOW_SAMPLES);
    byte[] ab = SampleBlocks.prefix("ab", SampleBlocks.WINDOW_SAMPLES);
    Bytes first = SampleBlocks.key(a, 255);
    Bytes second = SampleBlocks.key(a, 256);
    assertTrue(first.compareTo(second) < 0, "stream order is key order");
    assertEquals(256, SampleBlocks.position(second));
    Bytes other = SampleBlocks.key(ab, 0);
    assertTrue(!startsWith(other.get(), a), "track 'ab' keys do not start with track 'a''s prefix");
  }

  @Test
  void corruptValueIsRefusedWithItsSize() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SampleBlocks.floats(new byte[] {1, 0, 0, 0}));
    assertTrue(e.getMessage().contains("corrupt sample block (4 bytes)"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> SampleBlocks.floats(new byte[] {7, 0, 0}));
    assertThrows(IllegalStateException.class, () -> SampleBlocks.floats(new byte[0]));
  }

  private static float[] decoded(byte[] v) {
    float[] out = new float[SampleBlocks.floats(v)];
    SampleBlocks.decode(v, 0, out, 0, out.length);
    return out;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(Arrays.copyOf(key, prefix.length), prefix);
  }
}
