package dev.acpstream.topology.match;

import dev.acpstream.core.acpnet.ItemEmbedding;
import dev.acpstream.topology.model.ModelHolder.LoadedModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embeddings of recently seen items for one model version, least recently used first out. Keyed
 * by version and item, so a swapped-in model never scores with another version's vectors; the
 * features in the stores are the truth and any entry can be recomputed from them.
 */
public final class EmbeddingCache {

  private final Map<String, ItemEmbedding> entries;

  public EmbeddingCache(int capacity) {
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ItemEmbedding> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The item's embedding under {@code model}, computed on a miss. */
  public ItemEmbedding get(LoadedModel model, CatalogueItem item) {
    String key = key(model, item);
    ItemEmbedding e = entries.get(key);
    if (e == null) {
      e = embed(model, item);
      entries.put(key, e);
    }
    return e;
  }

  /** Remembers an embedding computed elsewhere (the embedder's) so pairing does not redo it. */
  public void put(LoadedModel model, CatalogueItem item, ItemEmbedding embedding) {
    entries.put(key(model, item), embedding);
  }

  private static String key(LoadedModel model, CatalogueItem item) {
    return model.name() + '\u0000' + model.version() + '\u0000' + item.kind() + '\u0000' + item.id();
  }

  public int size() {
    return entries.size();
  }

  static ItemEmbedding embed(LoadedModel model, CatalogueItem item) {
    return item.isImage()
        ? model.scorer().embedImage(item.features())
        : model.scorer().embedMusic(item.features());
  }
}
