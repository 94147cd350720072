package dev.acpstream.trainer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Length-prefixed, null-aware fields for the trainer's internal records (repartition topic, stores). */
final class Codec {

  private Codec() {}

  static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  static String readString(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
  }

  static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  static void writeFloats(DataOutputStream out, float[] v) throws IOException {
    out.writeInt(v == null ? -1 : v.length);
    if (v != null) {
      for (float f : v) {
        out.writeFloat(f);
      }
    }
  }

  static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
