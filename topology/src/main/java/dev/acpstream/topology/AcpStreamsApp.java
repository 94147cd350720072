package dev.acpstream.topology;

import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import dev.acpstream.core.image.Backbones;
import dev.acpstream.core.image.ImageBackbone;
import dev.acpstream.topology.match.CatalogueIndex;
import dev.acpstream.topology.model.ModelHolder;
import dev.acpstream.topology.query.AcpQueries;
import dev.acpstream.topology.query.MatchQueries;
import dev.acpstream.topology.query.QueryServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One running instance of the topology with everything it owns: the Kafka Streams client, the
 * shared RocksDB memory and the image backbones. Close it to stop cleanly (state flushed,
 * transaction committed or aborted).
 */
public final class AcpStreamsApp implements AutoCloseable {

  private final SharedRocksDbMemory rocksDbMemory;
  private final Backbones backbones;
  private final KafkaStreams streams;
  private final ModelHolder models;
  private final AcpQueries queries;
  private final java.util.OptionalInt queryPort;
  private final java.nio.file.Path stateDir;
  private final String applicationId;
  private QueryServer queryServer;
  private GlobalStateGuard guard;

  /** The paper's extractor and the configured backbone. */
  public AcpStreamsApp(TopologyConfig config) {
    this(config, paperWindowFeatures(), null);
  }

  /**
   * @param backbone the image backbone, or null for the one {@link TopologyConfig#backboneSpec()} names
   */
  public AcpStreamsApp(TopologyConfig config, WindowFeatureExtractor windows, ImageBackbone backbone) {
    this.rocksDbMemory = new SharedRocksDbMemory(config.rocksDbMemoryBytes());
    this.backbones = new Backbones();
    ImageBackbone images = backbone != null ? backbone : backbones.get(config.backboneSpec());
    Properties props = config.streamsProperties();
    props.put(BoundedRocksDbConfig.SHARED_MEMORY, rocksDbMemory);
    this.models = new ModelHolder(images.id(), images.dim(), Clock.systemUTC());
    this.streams = new KafkaStreams(
        AcpTopology.build(config, windows, images, models, new CatalogueIndex()), props);
    this.streams.setUncaughtExceptionHandler(new StreamThreadRecovery(Clock.systemUTC()));
    this.queries = new AcpQueries(streams, models);
    this.queryPort = config.queryServerPort();
    this.stateDir = config.stateDir();
    this.applicationId = config.applicationId();
  }

  /** The paper's 193-d window features: mfcc, chroma, mel, contrast (STFT) and tonnetz (HPSS + CQT). */
  public static WindowFeatureExtractor paperWindowFeatures() {
    return WindowFeatureExtractors.paper193();
  }

  /** Starts Kafka Streams and, with {@code application.server}, the endpoint the other instances query. */
  public AcpStreamsApp start() {
    guard = GlobalStateGuard.acquire(stateDir, applicationId);
    if (queryPort.isPresent()) {
      queryServer = QueryServer.start(queryPort.getAsInt(), queries);
    }
    streams.start();
    return this;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Interactive queries: latest scores per pairing key (asked of the hosting instance when it is
   * another), top-K per item, models in use.
   */
  public MatchQueries queries() {
    return queries;
  }

  /** The champion and challenger this instance scores with. */
  public ModelHolder models() {
    return models;
  }

  /** Closes Kafka Streams first (it still uses the stores), then what the stores share. */
  public void close(Duration timeout) {
    try {
      if (queryServer != null) {
        queryServer.close();
      }
      boolean stopped = streams.close(timeout);
      if (guard != null) {
        if (stopped && streams.state() == KafkaStreams.State.NOT_RUNNING) {
          guard.markCleanStop();
        }
        guard.close();
      }
    } finally {
      rocksDbMemory.close();
      backbones.close();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
