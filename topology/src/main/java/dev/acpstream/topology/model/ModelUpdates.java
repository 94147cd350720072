package dev.acpstream.topology.model;

import dev.acpstream.core.acpnet.InvalidArtifactException;
import dev.acpstream.schemas.avro.AcpNetModel;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processor of {@code models.acpnet}: keeps the newest record per model name in the
 * global store and loads it into the instance's {@link ModelHolder}. The store is restored before
 * {@link #init}, so a restarted instance scores with the model it had before its first record.
 */
public final class ModelUpdates implements Processor<String, AcpNetModel, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(ModelUpdates.class);

  private final ModelHolder holder;
  private final String storeName;
  private KeyValueStore<String, AcpNetModel> store;

  public ModelUpdates(ModelHolder holder, String storeName) {
    this.holder = holder;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
    try (KeyValueIterator<String, AcpNetModel> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, AcpNetModel> kv = all.next();
        load(kv.key, kv.value);
      }
    }
  }

  @Override
  public void process(Record<String, AcpNetModel> record) {
    String name = record.key();
    AcpNetModel model = record.value();
    if (model == null) {
      if (name != null) {
        store.delete(name);
        holder.withdraw(name);
      }
      return;
    }
    if (load(name, model)) {
      store.put(model.getModelName(), model);
    }
  }

  private boolean load(String key, AcpNetModel model) {
    if (key != null && !key.equals(model.getModelName())) {
      LOG.warn("models.acpnet: record keyed '{}' names model '{}'; refused", key, model.getModelName());
      return false;
    }
    try {
      var loaded = holder.accept(model);
      LOG.info("scoring with {} version {}", loaded.name(), loaded.version());
      return true;
    } catch (InvalidArtifactException e) {
      LOG.warn("models.acpnet: {}; keeping the model in place", e.getMessage());
      return false;
    }
  }
}
