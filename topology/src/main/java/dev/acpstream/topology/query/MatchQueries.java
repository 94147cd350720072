package dev.acpstream.topology.query;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.TopKMatches;
import java.util.List;
import java.util.Optional;

/**
 * What the running topology answers about its results (Kafka Streams interactive queries): the
 * web API reads through this and never opens a store itself.
 */
public interface MatchQueries {

  /** The most recent scores of a pairing key, newest first (at most the configured number kept). */
  List<CorrespondenceScore> latestScores(String pairingKey);

  /** The latest top-K list of a query item (an image's mediaId or a segment's trackId:segmentIndex). */
  Optional<TopKMatches> topK(String itemId);

  /** The models in use on this instance. */
  ModelStatus models();

  /**
   * @param championVersion null until a first model is loaded
   * @param challengerVersion null when no shadow model is deployed
   * @param lastRefusal why the last refused model version was refused, or null
   */
  record ModelStatus(String championVersion, String challengerVersion, long swaps, String lastRefusal) {}
}
