package dev.acpstream.topology.match;

import dev.acpstream.core.acpnet.ItemEmbedding;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.ScoredItem;
import dev.acpstream.topology.model.ModelHolder.LoadedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole catalogue of one instance in memory, both modalities: filled from the global
 * {@code embeddings.*} stores (every instance holds every item) and read by the stream threads.
 * Each entry caches its embedding under the model it was last scored with; a swapped-in model
 * re-embeds entries on first use, from the features every entry keeps. Thread-safe.
 */
public final class CatalogueIndex {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueIndex.class);

  private final Map<String, Entry> images = new ConcurrentHashMap<>();
  private final Map<String, Entry> music = new ConcurrentHashMap<>();

  public void put(CatalogueItem item) {
    side(item.kind()).put(item.id(), new Entry(item));
  }

  public void remove(ItemKind kind, String id) {
    side(kind).remove(id);
  }

  public int size(ItemKind kind) {
    return side(kind).size();
  }

  /**
   * The {@code k} best candidates of kind {@code candidates} for {@code query}, best first, under
   * {@code model} (the one {@code query} was embedded with). Entries the model cannot embed
   * (another backbone's features) are left out.
   */
  public List<ScoredItem> topK(LoadedModel model, ItemEmbedding query, ItemKind candidates, int k) {
    List<Entry> entries = new ArrayList<>(side(candidates).values());
    List<ItemEmbedding> embedded = new ArrayList<>(entries.size());
    List<Entry> usable = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      ItemEmbedding emb = e.embedding(model);
      if (emb != null) {
        embedded.add(emb);
        usable.add(e);
      }
    }
    if (usable.isEmpty()) {
      return List.of();
    }
    float[] scores = candidates == ItemKind.MUSIC
        ? model.scorer().scorePairs(java.util.Collections.nCopies(usable.size(), query), embedded)
        : model.scorer().scorePairs(embedded, java.util.Collections.nCopies(usable.size(), query));
    PriorityQueue<Integer> best = new PriorityQueue<>(k + 1,
        (a, b) -> Float.compare(scores[a], scores[b]));
    for (int i = 0; i < scores.length; i++) {
      best.add(i);
      if (best.size() > k) {
        best.poll();
      }
    }
    List<ScoredItem> out = new ArrayList<>(best.size());
    while (!best.isEmpty()) {
      int i = best.poll();
      out.add(0, ScoredItem.newBuilder().setItemId(usable.get(i).item.id()).setKind(candidates)
          .setScore(scores[i]).build());
    }
    return out;
  }

  private Map<String, Entry> side(ItemKind kind) {
    return kind == ItemKind.IMAGE ? images : music;
  }

  private static final class Entry {
    final CatalogueItem item;
    /** The embedding and the model it belongs to, replaced together. */
    volatile Cached cached;
    volatile boolean refused;

    Entry(CatalogueItem item) {
      this.item = item;
    }

    ItemEmbedding embedding(LoadedModel model) {
      Cached c = cached;
      if (c != null && c.model == model) {
        return c.embedding;
      }
      if (refused && c != null && c.model == model) {
        return null;
      }
      try {
        ItemEmbedding e = EmbeddingCache.embed(model, item);
        cached = new Cached(model, e);
        return e;
      } catch (IllegalArgumentException incompatible) {
        if (!refused) {
          LOG.warn("catalogue item {} left out of matching: {}", item.id(), incompatible.getMessage());
        }
        refused = true;
        cached = new Cached(model, null);
        return null;
      }
    }
  }

  private record Cached(LoadedModel model, ItemEmbedding embedding) {}
}
