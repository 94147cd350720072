package dev.acpstream.topology.match;

import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.ItemKind;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processor of one {@code embeddings.*} topic: the compacted topic is the catalogue of
 * its modality; this keeps the global store and the instance's {@link CatalogueIndex} in step
 * (the store is restored before {@link #init}, which loads it into the index).
 */
public final class CatalogueUpdates implements Processor<String, Embedding, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueUpdates.class);

  private final CatalogueIndex catalogue;
  private final ItemKind kind;
  private final String storeName;
  private KeyValueStore<String, Embedding> store;

  public CatalogueUpdates(CatalogueIndex catalogue, ItemKind kind, String storeName) {
    this.catalogue = catalogue;
    this.kind = kind;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
    try (KeyValueIterator<String, Embedding> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Embedding> kv = all.next();
        add(kv.value);
      }
    }
  }

  @Override
  public void process(Record<String, Embedding> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      catalogue.remove(kind, record.key());
      return;
    }
    store.put(record.key(), record.value());
    add(record.value());
  }

  private void add(Embedding e) {
    CatalogueItem item = CatalogueItem.of(e);
    if (item == null || e.getKind() != kind) {
      LOG.warn("{} catalogue: item {} has no features or the wrong kind; not matchable", kind, e.getItemId());
      return;
    }
    catalogue.put(item);
  }
}
