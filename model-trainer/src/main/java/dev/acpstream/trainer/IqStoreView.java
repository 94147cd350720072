package dev.acpstream.trainer;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores as the training thread sees them: Kafka Streams' interactive queries, which read
 * RocksDB concurrently with the stream thread's writes (a run sees a consistent-enough, growing
 * training set; nothing in the topology waits for it).
 */
final class IqStoreView implements StoreView {

  private final KafkaStreams streams;
  private final Duration wait;

  IqStoreView(KafkaStreams streams, Duration wait) {
    this.streams = streams;
    this.wait = wait;
  }

  @Override
  public byte[] get(String store, String key) {
    return store(store).get(key);
  }

  @Override
  public void forEach(String store, BiConsumer<String, byte[]> action) {
    try (KeyValueIterator<String, byte[]> it = store(store).all()) {
      it.forEachRemaining((KeyValue<String, byte[]> kv) -> action.accept(kv.key, kv.value));
    }
  }

  @Override
  public void forEachWithPrefix(String store, String prefix, BiConsumer<String, byte[]> action) {
    try (KeyValueIterator<String, byte[]> it = store(store).prefixScan(prefix, new StringSerializer())) {
      it.forEachRemaining((KeyValue<String, byte[]> kv) -> action.accept(kv.key, kv.value));
    }
  }

  private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
      } catch (InvalidStateStoreException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("store " + name + " not queryable within " + wait + ": " + e.getMessage(), e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for store " + name, ie);
        }
      }
    }
  }
}
