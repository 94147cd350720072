package dev.acpstream.topology.match;

import java.time.Duration;

/**
 * How items meet: live pairing by key and catalogue matching.
 *
 * @param imageWindow a new segment is scored against the images of its pairing key uploaded at
 *     most this long before it (record time)
 * @param segmentWindow a new image is scored against each track's latest segment of its pairing
 *     key if that segment is at most this old (record time)
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
