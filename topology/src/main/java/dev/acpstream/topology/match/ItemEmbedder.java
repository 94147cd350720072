package dev.acpstream.topology.match;

import dev.acpstream.core.acpnet.ItemEmbedding;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.topology.errors.DeadLetterRouter;
import dev.acpstream.topology.errors.Rejection;
import dev.acpstream.topology.errors.Rejection.Reason;
import dev.acpstream.topology.model.ModelHolder;
import dev.acpstream.topology.model.ModelHolder.LoadedModel;
import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Features -> ACP-Net subnetwork embedding under the current champion (and challenger), once per
 * item. Emits the {@code embeddings.*} record (with the features, so the catalogue can re-embed
 * under a later model) and hands the item to pairing and catalogue matching.
 *
 * @param <V> ImageFeatures or MusicSegmentFeatures
 */
public final class ItemEmbedder<V> implements Processor<String, V, String, Object> {

  private final BiFunction<V, Long, CatalogueItem> toItem;
  private final ModelHolder models;
  private final DeadLetterRouter<V> deadLetters;
  private final String embeddingSink;
  private final String[] matchers;
  private ProcessorContext<String, Object> context;

  /**
   * @param toItem the record and its timestamp -> the item
   * @param matchers the processors that receive the {@link EmbeddedItem}
   */
  public ItemEmbedder(BiFunction<V, Long, CatalogueItem> toItem, ModelHolder models,
      DeadLetterRouter<V> deadLetters, String embeddingSink, String... matchers) {
    this.toItem = toItem;
    this.models = models;
    this.deadLetters = deadLetters;
    this.embeddingSink = embeddingSink;
    this.matchers = matchers.clone();
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, V> record) {
    try {
      EmbeddedItem embedded = embed(record);
      if (embedded.champion() != null) {
        context.forward(new Record<String, Object>(embedded.item().id(),
            embeddingRecord(embedded.item(), embedded.champion(), embedded.championEmbedding()),
            record.timestamp()), embeddingSink);
      }
      for (String matcher : matchers) {
        context.forward(new Record<String, Object>(record.key(), embedded, record.timestamp()), matcher);
      }
    } catch (Rejection r) {
      deadLetters.route(context, record, r.reason().name(), r);
    }
  }

  private EmbeddedItem embed(Record<String, V> record) throws Rejection {
    if (record.value() == null) {
      throw new Rejection(Reason.NULL_VALUE, "features record with key '" + record.key() + "' has no value");
    }
    CatalogueItem item = toItem.apply(record.value(), record.timestamp());
    for (float f : item.features()) {
      if (!Float.isFinite(f)) {
        throw new Rejection(Reason.INCOMPATIBLE_FEATURES,
            item.kind().name().toLowerCase() + " '" + item.id() + "' has a non-finite feature value");
      }
    }
    LoadedModel champion = models.champion().orElse(null);
    LoadedModel challenger = models.challenger().orElse(null);
    ItemEmbedding c = champion == null ? null : embedWith(champion, item);
    ItemEmbedding s = challenger == null ? null : embedWith(challenger, item);
    return new EmbeddedItem(item, champion, c, s == null ? null : challenger, s);
  }

  private static ItemEmbedding embedWith(LoadedModel model, CatalogueItem item) throws Rejection {
    try {
      return EmbeddingCache.embed(model, item);
    } catch (IllegalArgumentException e) {
      throw new Rejection(Reason.INCOMPATIBLE_FEATURES, item.kind().name().toLowerCase() + " '"
          + item.id() + "' cannot be embedded by " + model.name() + " version " + model.version()
          + ": " + e.getMessage(), e);
    }
  }

  private static Embedding embeddingRecord(CatalogueItem item, LoadedModel model, ItemEmbedding e) {
    return Embedding.newBuilder()
        .setItemId(item.id())
        .setKind(item.kind())
        .setPairingKey(item.pairingKey())
        .setSegmentIndex(item.isImage() ? null : item.segmentIndex())
        .setModelVersion(model.version())
        .setVector(CatalogueItem.boxed(e.embedding()))
        .setEmotion(e.emotion() == null ? null : Emotions.of(model, e))
        .setFeatures(CatalogueItem.boxed(item.features()))
        .setSourceTimestamp(Instant.ofEpochMilli(item.sourceTimestampMs()))
        .build();
  }
}
