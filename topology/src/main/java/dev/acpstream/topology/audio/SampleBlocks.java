package dev.acpstream.topology.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys and values of the sample-block store, where each track's {@link FrameTail}s keep their
 * frames. Internal to this application (never a public topic).
 *
 * <p>Key: the track id's UTF-8 length (4 bytes) and bytes, the tail's kind (1 byte), the block's
 * first frame as a stream position (8 bytes, big-endian): a track's blocks of one kind are
 * contiguous and in stream order in the store (RocksDB compares keys as unsigned bytes), and no
 * track id is a prefix of another's keys.
 *
 * <p>Value: an encoding byte, then the floats. When every float is exactly an int16 sample
 * (k / 32768, as PCM_S16LE decodes and silence is) they are stored as int16, half the bytes;
 * otherwise as float32. Both decode to the same float bits, so a window read back is the window
 * that went in.
 */
final class SampleBlocks {

  /** A track's samples at 22050 Hz from the start of its next window. */
  static final byte WINDOW_SAMPLES = 1;
  /** A track's last input frames, replayed by the {@link RateConverter}. */
  static final byte RATE_INPUT = 2;
  /** The 193-d vectors of the windows of a track's current segment. */
  static final byte WINDOW_VECTORS = 3;

  private static final byte FLOAT32 = 0;
  private static final byte INT16 = 1;
  private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);

  private SampleBlocks() {}

  /** The key bytes every block of {@code trackId}'s tail of this kind starts with. */
  static byte[] prefix(String trackId, byte kind) {
    byte[] id = trackId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + id.length + 1).putInt(id.length).put(id).put(kind).array();
  }

  static Bytes key(byte[] prefix, long position) {
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(position).array());
  }

  static long position(Bytes key) {
    byte[] k = key.get();
    return ByteBuffer.wrap(k, k.length - 8, 8).getLong();
  }

  static byte[] encode(float[] values, int off, int n) {
    byte[] out = new byte[1 + 2 * n];
    out[0] = INT16;
    for (int i = 0; i < n; i++) {
      float v = values[off + i];
      int q = (int) (v * 32768f);
      if (q < Short.MIN_VALUE || q > Short.MAX_VALUE
          || Float.floatToRawIntBits(q / 32768f) != Float.floatToRawIntBits(v)) {
        return encodeFloats(values, off, n);
      }
      SHORTS.set(out, 1 + 2 * i, (short) q);
    }
    return out;
  }

  private static byte[] encodeFloats(float[] values, int off, int n) {
    byte[] out = new byte[1 + 4 * n];
    out[0] = FLOAT32;
    for (int i = 0; i < n; i++) {
      FLOATS.set(out, 1 + 4 * i, values[off + i]);
    }
    return out;
  }

  /** How many floats the value holds. */
  static int floats(byte[] value) {
    return switch (encoding(value)) {
      case INT16 -> (value.length - 1) / 2;
      default -> (value.length - 1) / 4;
    };
  }

  /** Copies floats [from, from + n) of the value into {@code dst} at {@code at}. */
  static void decode(byte[] value, int from, float[] dst, int at, int n) {
    if (encoding(value) == INT16) {
      for (int i = 0; i < n; i++) {
        dst[at + i] = (short) SHORTS.get(value, 1 + 2 * (from + i)) / 32768f;
      }
    } else {
      for (int i = 0; i < n; i++) {
        dst[at + i] = (float) FLOATS.get(value, 1 + 4 * (from + i));
      }
    }
  }

  private static byte encoding(byte[] value) {
    if (value.length == 0 || value[0] != FLOAT32 && value[0] != INT16
        || (value.length - 1) % (value[0] == INT16 ? 2 : 4) != 0) {
      throw new IllegalStateException("corrupt sample block (" + value.length + " bytes)");
    }
    return value[0];
  }
}
