package dev.acpstream.topology.match;

import dev.acpstream.schemas.avro.ItemKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ByteArrayInputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The pairing stores' value format: versioned, compact, features as raw floats. */
public final class CatalogueItemSerde implements Serde<CatalogueItem> {

  private static final byte VERSION = 1;

  @Override
  public Serializer<CatalogueItem> serializer() {
    return (topic, item) -> item == null ? null : write(item);
  }

  @Override
  public Deserializer<CatalogueItem> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(CatalogueItem item) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * item.features().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(item.kind().ordinal());
      out.writeUTF(item.id());
      nullable(out, item.pairingKey());
      nullable(out, item.trackId());
      out.writeInt(item.segmentIndex());
      out.writeLong(item.sourceTimestampMs());
      out.writeInt(item.features().length);
      for (float f : item.features()) {
        out.writeFloat(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static CatalogueItem read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException("pairing entry format " + version + " is not " + VERSION);
      }
      ItemKind kind = ItemKind.values()[in.readByte()];
      String id = in.readUTF();
      String pairingKey = nullable(in);
      String trackId = nullable(in);
      int segmentIndex = in.readInt();
      long source = in.readLong();
      float[] features = new float[in.readInt()];
      for (int i = 0; i < features.length; i++) {
        features[i] = in.readFloat();
      }
      return new CatalogueItem(id, kind, pairingKey, trackId, segmentIndex, features, source);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("unreadable pairing entry: " + e.getMessage(), e);
    }
  }

  private static void nullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String nullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
