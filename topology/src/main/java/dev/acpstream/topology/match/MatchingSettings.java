package dev.acpstream.topology.match;

import java.time.Duration;

/**
 * How items meet: live pairing by key and catalogue matching.
 *
 * @param imageWindow an image pairs with the segments of its key that end at most this long
 *     after it came (event time: upload time, producedAt of a segment's last chunk)
 * @param segmentWindow an image pairs with the segments of its key that ended at most this long
 *     before it came (event time); both rules hold whichever item arrives first
 * @param maxImagesPerKey the newest images kept per pairing key
 * @param scoresKeptPerKey the newest scores kept per pairing key for interactive queries
 * @param topK length of each catalogue match list
 * @param embeddingCacheEntries embeddings kept in memory per task for pairing (LRU)
 * @param purgeInterval how often (wall clock) expired pairing entries are deleted
 */
public record MatchingSettings(Duration imageWindow, Duration segmentWindow, int maxImagesPerKey,
    int scoresKeptPerKey, int topK, int embeddingCacheEntries, Duration purgeInterval) {

  public MatchingSettings {
    if (imageWindow.isNegative() || imageWindow.isZero() || segmentWindow.isNegative()
        || segmentWindow.isZero()) {
      throw new IllegalArgumentException("pairing windows must be positive: images " + imageWindow
          + ", segments " + segmentWindow);
    }
    if (maxImagesPerKey < 1 || scoresKeptPerKey < 1 || topK < 1 || embeddingCacheEntries < 1) {
      throw new IllegalArgumentException("pairing and matching sizes must be >= 1");
    }
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("purge interval must be positive: " + purgeInterval);
    }
  }

  /** Retention of pairing entries: past their window (plus the other side's), nothing pairs with them. */
  public long retentionMs() {
    return imageWindow.toMillis() + segmentWindow.toMillis();
  }
}
