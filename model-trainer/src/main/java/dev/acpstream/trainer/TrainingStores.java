package dev.acpstream.trainer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The durable training set: persistent, changelogged stores (a restart restores them from the
 * changelog instead of re-reading the input topics). Values are the trainer's own encodings.
 */
final class TrainingStores {

  /** Label key ({@link ItemKeys}) to {@link StoredLabel}. */
  static final String LABELS = "trainer-labels";
  /** Label key to {@link PendingLabel}: labels whose item has no features yet. */
  static final String PENDING = "trainer-pending-labels";
  /** Media id to image features (float32 big-endian). */
  static final String IMAGES = "trainer-image-features";
  /** {@code trackId:segmentIndex} to segment features. */
  static final String SEGMENTS = "trainer-segment-features";
  /** {@link #pairKey} to {@link StoredPair}. */
  static final String PAIRS = "trainer-labeled-pairs";
  /** Counters: labels seen, labels ready, labels trained on, last run time. */
  static final String PROGRESS = "trainer-progress";

  static final String SEEN = "labels.seen";
  static final String READY = "labels.ready";
  static final String TRAINED = "labels.trained";
  static final String LAST_RUN = "last.run.millis";

  private TrainingStores() {}

  static StoreBuilder<KeyValueStore<String, byte[]>> builder(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
        Serdes.ByteArray());
  }

  static String pairKey(String imageId, String musicId) {
    return imageId + "\n" + musicId;
  }

  static byte[] floats(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.BIG_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] floats(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  static byte[] count(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long count(byte[] b) {
    return b == null ? 0 : ByteBuffer.wrap(b).getLong();
  }
}
