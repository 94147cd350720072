package dev.acpstream.topology.match;

import dev.acpstream.core.acpnet.ItemEmbedding;
import dev.acpstream.schemas.avro.ChallengerScore;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.topology.model.ModelHolder.LoadedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Live pairing (playlist-to-visual): items that share a pairing key meet in one task, because
 * {@link PairingPartitioner} puts both feature topics' records of a key in the same partition. An
 * image and a segment of one key pair when, in event time (their source timestamps), the image
 * came at most {@code imageWindow} before the segment ended or the segment ended at most {@code
 * segmentWindow} before the image came. Each pair is scored once, when its second item arrives,
 * and the rule does not depend on which arrives first: a crash, a rebalance or a lagging input
 * changes when a pair is scored, never whether (the kill drill counts every pair). Scores carry
 * the champion's probability and, in shadow mode, the challenger's beside it; the newest are kept
 * per key for interactive queries.
 */
public final class PairScorer implements Processor<String, EmbeddedItem, String, Object> {

  /** Scores older than this are dropped from the interactive-query store by the purge. */
  static final Duration SCORES_RETENTION = Duration.ofDays(1);
  private static final StringSerializer KEYS = new StringSerializer();

  private final MatchingSettings settings;
  private final String imagesStoreName;
  private final String segmentsStoreName;
  private final String scoresStoreName;
  private final String scoreSink;
  private final EmbeddingCache cache;
  private KeyValueStore<String, CatalogueItem> images;
  private KeyValueStore<String, CatalogueItem> segments;
  private KeyValueStore<String, CorrespondenceScore> scores;
  private ProcessorContext<String, Object> context;
  private long scoreSeq;

  public PairScorer(MatchingSettings settings, String imagesStore, String segmentsStore,
      String scoresStore, String scoreSink) {
    this.settings = settings;
    this.imagesStoreName = imagesStore;
    this.segmentsStoreName = segmentsStore;
    this.scoresStoreName = scoresStore;
    this.scoreSink = scoreSink;
    this.cache = new EmbeddingCache(settings.embeddingCacheEntries());
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    images = context.getStateStore(imagesStoreName);
    segments = context.getStateStore(segmentsStoreName);
    scores = context.getStateStore(scoresStoreName);
    context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purge);
  }

  @Override
  public void process(Record<String, EmbeddedItem> record) {
    EmbeddedItem e = record.value();
    CatalogueItem item = e.item();
    String key = item.pairingKey();
    if (key == null || key.isEmpty()) {
      return; // catalogue matching only
    }
    if (e.champion() != null) {
      cache.put(e.champion(), item, e.championEmbedding());
    }
    if (item.isImage()) {
      images.put(entryKey(key, item.id()), item);
      keepNewestImages(key);
      for (CatalogueItem segment : entries(segments, key, Integer.MAX_VALUE)) {
        if (pairs(item, segment)) {
          score(key, item, segment, e, record.timestamp());
        }
      }
    } else {
      segments.put(entryKey(key, item.id()), item);
      for (CatalogueItem image : entries(images, key, settings.maxImagesPerKey())) {
        if (pairs(image, item)) {
          score(key, image, item, e, record.timestamp());
        }
      }
    }
  }

  /** The pairing rule, symmetric in arrival order: event-time distance within the side's window. */
  private boolean pairs(CatalogueItem image, CatalogueItem segment) {
    long d = segment.sourceTimestampMs() - image.sourceTimestampMs();
    return d >= 0 ? d <= settings.imageWindow().toMillis() : -d <= settings.segmentWindow().toMillis();
  }

  /** The key's entries, newest first (source time), at most {@code max}. */
  private List<CatalogueItem> entries(KeyValueStore<String, CatalogueItem> store, String key, int max) {
    List<CatalogueItem> out = new ArrayList<>();
    try (KeyValueIterator<String, CatalogueItem> it = store.prefixScan(prefix(key), KEYS)) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    out.sort(Comparator.comparingLong(CatalogueItem::sourceTimestampMs).reversed());
    return out.size() > max ? out.subList(0, max) : out;
  }

  private void keepNewestImages(String key) {
    List<CatalogueItem> all = entries(images, key, Integer.MAX_VALUE);
    for (int i = settings.maxImagesPerKey(); i < all.size(); i++) {
      images.delete(entryKey(key, all.get(i).id()));
    }
  }

  private void score(String key, CatalogueItem image, CatalogueItem segment, EmbeddedItem arrived,
      long timestamp) {
    LoadedModel champion = arrived.champion();
    if (champion == null) {
      return; // kept for later pairs; nothing to score with yet
    }
    ItemEmbedding ie;
    ItemEmbedding me;
    try {
      ie = cache.get(champion, image);
      me = cache.get(champion, segment);
    } catch (IllegalArgumentException incompatible) {
      return; // the stored side was written under another backbone; it cannot pair with this model
    }
    float p = champion.scorer().score(ie, me);
    ChallengerScore shadow = null;
    LoadedModel challenger = arrived.challenger();
    if (challenger != null) {
      try {
        shadow = ChallengerScore.newBuilder().setModelVersion(challenger.version())
            .setProbability(challenger.scorer().score(cache.get(challenger, image), cache.get(challenger, segment)))
            .build();
      } catch (IllegalArgumentException incompatible) {
        shadow = null;
      }
    }
    long now = context.currentSystemTimeMs();
    CorrespondenceScore s = CorrespondenceScore.newBuilder()
        .setPairingKey(key)
        .setImageId(image.id())
        .setMusicId(segment.trackId())
        .setMusicSegmentIndex(segment.segmentIndex())
        .setProbability(p)
        .setImageEmotion(Emotions.of(champion, ie))
        .setMusicEmotion(Emotions.of(champion, me))
        .setModelVersion(champion.version())
        .setChallenger(shadow)
        .setLatencyMs(Math.max(0, now - Math.max(image.sourceTimestampMs(), segment.sourceTimestampMs())))
        .setScoredAt(Instant.ofEpochMilli(now))
        .build();
    remember(key, s, now);
    context.forward(new Record<String, Object>(key, s, timestamp), scoreSink);
  }

  /** Newest first under the key: the entry key sorts by inverted time, then a per-task counter. */
  private void remember(String key, CorrespondenceScore s, long now) {
    scores.put(prefix(key) + String.format("%019d", Long.MAX_VALUE - now) + '\u0000'
        + String.format("%019d", Long.MAX_VALUE - (scoreSeq++ & Long.MAX_VALUE)), s);
    int kept = 0;
    List<String> drop = new ArrayList<>();
    try (KeyValueIterator<String, CorrespondenceScore> it = scores.prefixScan(prefix(key), KEYS)) {
      while (it.hasNext()) {
        String k = it.next().key;
        if (++kept > settings.scoresKeptPerKey()) {
          drop.add(k);
        }
      }
    }
    drop.forEach(scores::delete);
  }

  /** Deletes pairing entries nothing can pair with any more, and day-old scores. */
  private void purge(long nowMs) {
    long horizon = nowMs - settings.retentionMs();
    for (KeyValueStore<String, CatalogueItem> store : List.of(images, segments)) {
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, CatalogueItem> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, CatalogueItem> kv = it.next();
          if (kv.value.sourceTimestampMs() < horizon) {
            expired.add(kv.key);
          }
        }
      }
      expired.forEach(store::delete);
    }
    long scoreHorizon = nowMs - SCORES_RETENTION.toMillis();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, CorrespondenceScore> it = scores.all()) {
      while (it.hasNext()) {
        KeyValue<String, CorrespondenceScore> kv = it.next();
        if (kv.value.getScoredAt().toEpochMilli() < scoreHorizon) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(scores::delete);
  }

  static String prefix(String pairingKey) {
    return pairingKey + '\u0000';
  }

  static String entryKey(String pairingKey, String id) {
    return prefix(pairingKey) + id;
  }

  /** The pairing key an entry of the scores store belongs to. */
  public static String pairingKeyOf(String scoresStoreKey) {
    return scoresStoreKey.substring(0, scoresStoreKey.indexOf('\u0000'));
  }

  /** The prefix under which a pairing key's scores sit, newest first. */
  public static String scoresPrefix(String pairingKey) {
    return prefix(pairingKey);
  }
}
