package dev.acpstream.topology.query;

import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.serde.SerdeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How one instance hands a pairing key's scores to another: a count, then each score as a
 * length-prefixed Avro single-object record (its schema fingerprint travels with it, so an
 * instance on another schema version reads it or fails naming the fingerprint).
 */
final class ScoresWire {

  static final String CONTENT_TYPE = "application/vnd.acp-stream.scores+avro";
  /** More scores than any configuration keeps per key; a longer answer is not ours. */
  private static final int MAX_SCORES = 1_000_000;

  private final Serializer<CorrespondenceScore> serializer;
  private final Deserializer<CorrespondenceScore> deserializer;

  ScoresWire() {
    SerdeConfig serdes = SerdeConfig.singleObject();
    this.serializer = Topics.SCORES_CORRESPONDENCE.valueSerde(serdes).serializer();
    this.deserializer = Topics.SCORES_CORRESPONDENCE.valueSerde(serdes).deserializer();
  }

  byte[] encode(List<CorrespondenceScore> scores) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(scores.size());
      for (CorrespondenceScore s : scores) {
        byte[] record = serializer.serialize(Topics.SCORES_CORRESPONDENCE.name(), s);
        out.writeInt(record.length);
        out.write(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @throws IllegalArgumentException naming {@code source} when the bytes are not a scores answer */
  List<CorrespondenceScore> decode(byte[] body, String source) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      int n = in.readInt();
      if (n < 0 || n > MAX_SCORES) {
        throw new IllegalArgumentException(source + " answered with " + n + " scores");
      }
      List<CorrespondenceScore> out = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
          throw new IllegalArgumentException(source + ": score " + i + " claims " + len + " bytes, "
              + in.available() + " left");
        }
        out.add(deserializer.deserialize(Topics.SCORES_CORRESPONDENCE.name(), in.readNBytes(len)));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(source + ": " + in.available() + " bytes after the last score");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " answered with a truncated scores list", e);
    }
  }
}
