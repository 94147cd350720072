package dev.acpstream.trainer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Feedback on one image-music pair: does the music fit the image? The latest verdict wins. */
record StoredPair(String imageId, String musicId, boolean corresponds) {

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Codec.writeString(out, imageId);
      Codec.writeString(out, musicId);
      out.writeBoolean(corresponds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StoredPair decode(byte[] b) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      return new StoredPair(Codec.readString(in), Codec.readString(in), in.readBoolean());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
