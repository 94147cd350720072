package dev.acpstream.topology.query;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.topology.AcpTopology;
import dev.acpstream.topology.match.PairScorer;
import dev.acpstream.topology.model.ModelHolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over one running instance. Top-K lists and models are global (every
 * instance answers for every item); a pairing key's scores live in the task that pairs it, found
 * with {@code queryMetadataForKey}. This instance answers for the keys it hosts and asks the host
 * of any other key over HTTP ({@link QueryServer} there, at its {@code application.server}), so a
 * caller sees one table whichever instance it asks; {@link NotHostedHereException} only when the
 * host cannot be asked. Multi-instance deployments set {@code application.server}; a single
 * instance needs nothing.
 */
public final class AcpQueries implements MatchQueries {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final ModelHolder models;
  private final RemoteScores remote;

  public AcpQueries(KafkaStreams streams, ModelHolder models) {
    this(streams, models, Duration.ofSeconds(5));
  }

  /** @param remoteTimeout how long to wait for the instance that hosts a key */
  public AcpQueries(KafkaStreams streams, ModelHolder models, Duration remoteTimeout) {
    this.streams = streams;
    this.models = models;
    this.remote = new RemoteScores(remoteTimeout);
  }

  @Override
  public List<CorrespondenceScore> latestScores(String pairingKey) {
    try {
      return localScores(pairingKey);
    } catch (NotHostedHereException e) {
      return remote.fetch(pairingKey, e.host(), e.port());
    }
  }

  /**
   * The key's scores from this instance's stores only.
   *
   * @throws NotHostedHereException naming the host when another instance pairs the key
   */
  public List<CorrespondenceScore> localScores(String pairingKey) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, CorrespondenceScore>> params =
        StoreQueryParameters.fromNameAndType(AcpTopology.LATEST_SCORES_STORE,
            QueryableStoreTypes.<String, CorrespondenceScore>keyValueStore());
    KeyQueryMetadata meta = streams.queryMetadataForKey(AcpTopology.LATEST_SCORES_STORE, pairingKey, KEYS);
    if (meta != null && !meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      if (!hostedHere(meta)) {
        throw new NotHostedHereException(pairingKey, meta.activeHost().host(), meta.activeHost().port());
      }
      params = params.withPartition(meta.partition());
    }
    // Without application.server there is no host metadata: this instance answers from all of its
    // partitions (only one holds the key), which is complete when it is the only instance.
    ReadOnlyKeyValueStore<String, CorrespondenceScore> store = streams.store(params);
    List<CorrespondenceScore> out = new ArrayList<>();
    try (KeyValueIterator<String, CorrespondenceScore> it =
        store.prefixScan(PairScorer.scoresPrefix(pairingKey), KEYS)) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  @Override
  public Optional<TopKMatches> topK(String itemId) {
    ReadOnlyKeyValueStore<String, TopKMatches> store = streams.store(
        StoreQueryParameters.fromNameAndType(AcpTopology.TOPK_STORE,
            QueryableStoreTypes.<String, TopKMatches>keyValueStore()));
    return Optional.ofNullable(store.get(itemId));
  }

  @Override
  public ModelStatus models() {
    return new ModelStatus(
        models.champion().map(ModelHolder.LoadedModel::version).orElse(null),
        models.challenger().map(ModelHolder.LoadedModel::version).orElse(null),
        models.swaps(),
        models.lastRefusal().orElse(null));
  }

  /** True when one of this instance's active tasks pairs the key's partition. */
  private boolean hostedHere(KeyQueryMetadata meta) {
    return streams.metadataForLocalThreads().stream()
        .flatMap(t -> t.activeTasks().stream())
        .flatMap(task -> task.topicPartitions().stream())
        .anyMatch(tp -> tp.partition() == meta.partition()
            && tp.topic().equals(dev.acpstream.schemas.Topics.FEATURES_IMAGE.name()));
  }
}
