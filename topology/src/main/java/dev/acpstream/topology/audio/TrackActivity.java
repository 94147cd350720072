package dev.acpstream.topology.audio;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * When a track last received a chunk and when it closed (-1 while open): the 16 bytes per track
 * the wall-clock sweep scans, so it never has to read the large {@link TrackState}s of busy tracks.
 */
public record TrackActivity(long lastActivityMs, long closedAtMs) {

  static TrackActivity of(TrackState s) {
    return new TrackActivity(s.lastActivityMs, s.closedAtMs);
  }

  boolean closed() {
    return closedAtMs >= 0;
  }

  /** Serde of the activity store: two big-endian longs. */
  public static final class StoreSerde implements Serde<TrackActivity> {
    @Override
    public Serializer<TrackActivity> serializer() {
      return (topic, a) -> a == null ? null
          : ByteBuffer.allocate(16).putLong(a.lastActivityMs).putLong(a.closedAtMs).array();
    }

    @Override
    public Deserializer<TrackActivity> deserializer() {
      return (topic, b) -> {
        if (b == null) {
          return null;
        }
        if (b.length != 16) {
          throw new IllegalStateException("corrupt track activity: " + b.length + " bytes, expected 16");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        return new TrackActivity(in.getLong(), in.getLong());
      };
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}
  }
}
