package dev.acpstream.trainer;

import dev.acpstream.core.dataset.EmotionClass;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A label as the training set keeps it: the item, its class among the paper's three, and where
 * it came from. The latest label of an item replaces earlier ones.
 */
record StoredLabel(boolean image, String itemId, EmotionClass emotion, String scheme, String label,
    String source, long acceptedAtMillis) {

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBoolean(image);
      Codec.writeString(out, itemId);
      out.writeByte(emotion.ordinal());
      Codec.writeString(out, scheme);
      Codec.writeString(out, label);
      Codec.writeString(out, source);
      out.writeLong(acceptedAtMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StoredLabel decode(byte[] b) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      return new StoredLabel(in.readBoolean(), Codec.readString(in),
          EmotionClass.values()[in.readByte()], Codec.readString(in), Codec.readString(in),
          Codec.readString(in), in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
