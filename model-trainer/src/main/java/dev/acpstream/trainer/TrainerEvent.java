package dev.acpstream.trainer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One input of the training set, as it travels through the trainer's repartition topic keyed by
 * item ({@link ItemKeys#route}) so that a label and its item's features meet in one task, in
 * arrival order. It remembers where it came from so a rejected label's dead letter can name it.
 *
 * @param type what the event carries; fields of other types are null or zero
 * @param id the label's item id, the pair's image id, the image's media id or the segment's track id
 * @param other the label's class name, or the pair's music id
 * @param scheme the label's scheme
 * @param kind the label's item kind (IMAGE or MUSIC), or the pair's "true"/"false"
 * @param segment the segment index of segment features
 * @param features the feature vector of image and segment features
 * @param raw the original record value bytes of labels and pairs (for dead letters)
 */
record TrainerEvent(Type type, String id, String other, String scheme, String kind, int segment,
    float[] features, String topic, int partition, long offset, byte[] rawKey, byte[] raw) {

  enum Type { LABEL, PAIR, IMAGE_FEATURES, SEGMENT_FEATURES }

  static final Serde<TrainerEvent> SERDE = Serdes.serdeFrom(
      (Serializer<TrainerEvent>) (topic, e) -> e == null ? null : e.encode(),
      (Deserializer<TrainerEvent>) (topic, b) -> b == null ? null : decode(b));

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(type.ordinal());
      Codec.writeString(out, id);
      Codec.writeString(out, other);
      Codec.writeString(out, scheme);
      Codec.writeString(out, kind);
      out.writeInt(segment);
      Codec.writeFloats(out, features);
      Codec.writeString(out, topic);
      out.writeInt(partition);
      out.writeLong(offset);
      Codec.writeBytes(out, rawKey);
      Codec.writeBytes(out, raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static TrainerEvent decode(byte[] b) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      Type type = Type.values()[in.readByte()];
      return new TrainerEvent(type, Codec.readString(in), Codec.readString(in),
          Codec.readString(in), Codec.readString(in), in.readInt(), Codec.readFloats(in),
          Codec.readString(in), in.readInt(), in.readLong(), Codec.readBytes(in), Codec.readBytes(in));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the trainer's own event encoding is corrupt: " + e, e);
    }
  }
}
