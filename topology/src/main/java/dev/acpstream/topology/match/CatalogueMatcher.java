package dev.acpstream.topology.match;

import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.ScoredItem;
import dev.acpstream.schemas.avro.TopKMatches;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Mood matching for uploads: each new image gets the top-K music segments of the whole
 * catalogue, each new segment the top-K images, scored by the fusion network alone on cached
 * embeddings. The new item joins this instance's catalogue at once; other instances get it from
 * {@code embeddings.*}.
 */
public final class CatalogueMatcher implements Processor<String, EmbeddedItem, String, Object> {

  private final CatalogueIndex catalogue;
  private final int k;
  private final String matchesSink;
  private ProcessorContext<String, Object> context;

  public CatalogueMatcher(CatalogueIndex catalogue, int k, String matchesSink) {
    this.catalogue = catalogue;
    this.k = k;
    this.matchesSink = matchesSink;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, EmbeddedItem> record) {
    EmbeddedItem e = record.value();
    CatalogueItem item = e.item();
    catalogue.put(item);
    if (e.champion() == null) {
      return;
    }
    ItemKind other = item.isImage() ? ItemKind.MUSIC : ItemKind.IMAGE;
    List<ScoredItem> best = catalogue.topK(e.champion(), e.championEmbedding(), other, k);
    TopKMatches matches = TopKMatches.newBuilder()
        .setQueryItemId(item.id())
        .setQueryKind(item.kind())
        .setMatches(best)
        .setModelVersion(e.champion().version())
        .setComputedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .build();
    context.forward(new Record<String, Object>(item.id(), matches, record.timestamp()), matchesSink);
  }
}
