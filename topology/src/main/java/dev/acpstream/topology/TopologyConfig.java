package dev.acpstream.topology;

import dev.acpstream.schemas.ConfigValues;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.errors.DeadLetterDeserializationHandler;
import dev.acpstream.topology.errors.DeadLetterProcessingHandler;
import dev.acpstream.topology.match.MatchingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the live topology can be tuned with, typed and validated in one place.
 *
 * <p>Built from properties (Kafka-style keys) over environment variables over defaults. The
 * environment name of a key is its upper-cased form with dots and dashes as underscores, prefixed
 * {@code ACP_} unless it already starts with {@code acp.}: {@code acp.audio.idle.timeout.ms} is
 * {@code ACP_AUDIO_IDLE_TIMEOUT_MS}, {@code bootstrap.servers} is {@code ACP_BOOTSTRAP_SERVERS}.
 * Keys this class does not know (e.g. {@code num.stream.threads}, {@code schema.registry.url})
 * pass through to Kafka Streams and the serdes unchanged.
 */
public record TopologyConfig(
    String applicationId,
    String bootstrapServers,
    Path stateDir,
    Duration shortGapMax,
    int bufferMaxChunks,
    long bufferMaxBytes,
    Duration idleTimeout,
    Duration idleCheckInterval,
    Duration closedTrackRetention,
    int maxChunkBytes,
    int maxChannels,
    String backboneSpec,
    List<Path> imageReferenceRoots,
    long imageMaxBytes,
    long imageMaxPixels,
    long rocksDbMemoryBytes,
    int deadLetterPayloadMaxBytes,
    MatchingSettings matching,
    int queryPort,
    String queryHost,
    Map<String, Object> passThrough) {

  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
  public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
  /** Gaps (lost chunks) up to this long are filled with silence; longer ones close the segment. */
  public static final String SHORT_GAP_MAX_MS = "acp.audio.short-gap.max.ms";
  /** Out-of-order chunks held per track while waiting for a missing one. */
  public static final String BUFFER_MAX_CHUNKS = "acp.audio.buffer.max.chunks";
  /** Bytes of out-of-order chunks held per track. */
  public static final String BUFFER_MAX_BYTES = "acp.audio.buffer.max.bytes";
  /** A track with no chunk for this long (wall clock) is closed as if it had ended. */
  public static final String IDLE_TIMEOUT_MS = "acp.audio.idle.timeout.ms";
  /** How often the idle check runs (wall clock). */
  public static final String IDLE_CHECK_INTERVAL_MS = "acp.audio.idle.check.interval.ms";
  /** How long a closed track's marker is kept (to dead-letter late chunks) before it is deleted. */
  public static final String CLOSED_TRACK_RETENTION_MS = "acp.audio.closed-track.retention.ms";
  /** Largest accepted audio chunk payload. */
  public static final String MAX_CHUNK_BYTES = "acp.audio.chunk.max.bytes";
  /** Most interleaved channels accepted in a PCM chunk. */
  public static final String MAX_CHANNELS = "acp.audio.max.channels";
  /** Image backbone: {@code affect} or {@code tf:PATH}. */
  public static final String BACKBONE = "acp.image.backbone";
  /** Directories that {@code file:} image references may point into (comma separated). */
  public static final String IMAGE_REFERENCE_ROOTS = "acp.image.reference.roots";
  /** Largest encoded image read (inline or by reference). */
  public static final String IMAGE_MAX_BYTES = "acp.image.max.bytes";
  /** Largest width x height decoded; larger headers are refused before decoding (decompression bombs). */
  public static final String IMAGE_MAX_PIXELS = "acp.image.max.pixels";
  /** Block cache + memtables of all RocksDB stores of this instance together. */
  public static final String ROCKSDB_MEMORY_BYTES = "acp.rocksdb.memory.bytes";
  /** Largest payload copied into a dead letter; larger ones are left out (the reason says so). */
  public static final String DEAD_LETTER_PAYLOAD_MAX_BYTES = "acp.dead-letter.payload.max.bytes";

  /** A new segment pairs with the images of its key uploaded at most this long before it. */
  public static final String PAIRING_IMAGE_WINDOW_MS = "acp.pairing.image-window.ms";
  /** An image pairs with the segments of its key that ended at most this long before it came (event time). */
  public static final String PAIRING_SEGMENT_WINDOW_MS = "acp.pairing.segment-window.ms";
  /** Newest images kept per pairing key. */
  public static final String PAIRING_MAX_IMAGES = "acp.pairing.max-images-per-key";
  /** Newest scores kept per pairing key for interactive queries. */
  public static final String SCORES_KEPT = "acp.scores.kept-per-key";
  /** Length of each catalogue match list. */
  public static final String MATCHING_TOP_K = "acp.matching.top-k";
  /** Embeddings each pairing task keeps in memory. */
  public static final String EMBEDDING_CACHE_ENTRIES = "acp.embedding.cache.entries";
  /** How often expired pairing entries are deleted (wall clock). */
  public static final String PAIRING_PURGE_INTERVAL_MS = "acp.pairing.purge.interval.ms";

  /**
   * Port this instance answers the other instances' interactive queries on. Unless {@code
   * application.server} is given, it becomes this host's name and that port, so identical
   * replicas (compose {@code --scale}) need no per-instance setting. 0: no endpoint.
   */
  public static final String QUERY_PORT = "acp.query.port";
  /**
   * The name or address the other instances reach this one at, with {@link #QUERY_PORT}; default
   * this host's canonical name (a StatefulSet pod's DNS name, a compose container's id). Where
   * that does not resolve for the others (a Kubernetes Deployment), pass the pod's IP.
   */
  public static final String QUERY_HOST = "acp.query.host";

  private static final List<String> KNOWN =
      List.of(
          APPLICATION_ID, BOOTSTRAP_SERVERS, STATE_DIR, SHORT_GAP_MAX_MS, BUFFER_MAX_CHUNKS,
          BUFFER_MAX_BYTES, IDLE_TIMEOUT_MS, IDLE_CHECK_INTERVAL_MS, CLOSED_TRACK_RETENTION_MS,
          MAX_CHUNK_BYTES, MAX_CHANNELS, BACKBONE, IMAGE_REFERENCE_ROOTS, IMAGE_MAX_BYTES,
          IMAGE_MAX_PIXELS, ROCKSDB_MEMORY_BYTES,
          DEAD_LETTER_PAYLOAD_MAX_BYTES, PAIRING_IMAGE_WINDOW_MS, PAIRING_SEGMENT_WINDOW_MS,
          PAIRING_MAX_IMAGES, SCORES_KEPT, MATCHING_TOP_K, EMBEDDING_CACHE_ENTRIES,
          PAIRING_PURGE_INTERVAL_MS, QUERY_PORT, QUERY_HOST);

  public TopologyConfig {
    passThrough = Map.copyOf(passThrough);
    imageReferenceRoots = List.copyOf(imageReferenceRoots);
    if (bufferMaxChunks < 1) {
      throw new IllegalArgumentException(BUFFER_MAX_CHUNKS + " must be >= 1: " + bufferMaxChunks);
    }
    if (maxChunkBytes < 1 || maxChannels < 1) {
      throw new IllegalArgumentException(MAX_CHUNK_BYTES + " and " + MAX_CHANNELS + " must be >= 1");
    }
    if (bufferMaxBytes < maxChunkBytes) {
      throw new IllegalArgumentException(BUFFER_MAX_BYTES + " (" + bufferMaxBytes + ") must be >= "
          + MAX_CHUNK_BYTES + " (" + maxChunkBytes + "): the buffer must hold at least one chunk");
    }
    if (imageMaxBytes < 1 || imageMaxPixels < 1) {
      throw new IllegalArgumentException(IMAGE_MAX_BYTES + " and " + IMAGE_MAX_PIXELS + " must be >= 1");
    }
    if (queryPort < 0 || queryPort > 65535) {
      throw new IllegalArgumentException(QUERY_PORT + " must be 0..65535: " + queryPort);
    }
    if (idleTimeout.isZero() || idleCheckInterval.isZero()) {
      throw new IllegalArgumentException(IDLE_TIMEOUT_MS + " and " + IDLE_CHECK_INTERVAL_MS + " must be > 0");
    }
  }

  /** Defaults only (plus the environment). */
  public static TopologyConfig defaults() {
    return from(new Properties(), System.getenv());
  }

  /** {@code properties} over the process environment over defaults. */
  public static TopologyConfig from(Properties properties) {
    return from(properties, System.getenv());
  }

  /** {@code properties} over {@code env} over defaults. */
  public static TopologyConfig from(Properties properties, Map<String, String> env) {
    Map<String, Object> merged = new HashMap<>();
    for (String key : KNOWN) {
      String v = env.get(envName(key));
      if (v != null) {
        merged.put(key, v);
      }
    }
    properties.stringPropertyNames().forEach(k -> merged.put(k, properties.getProperty(k)));
    ConfigValues c = new ConfigValues(merged);
    Map<String, Object> passThrough = new HashMap<>(merged);
    KNOWN.forEach(passThrough::remove);
    return new TopologyConfig(
        c.string(APPLICATION_ID, "acp-stream"),
        c.string(BOOTSTRAP_SERVERS, "localhost:9092"),
        Path.of(c.string(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "acp-stream").toString())),
        Duration.ofMillis(c.nonNegative(SHORT_GAP_MAX_MS, 2_000)),
        (int) c.nonNegative(BUFFER_MAX_CHUNKS, 32),
        c.nonNegative(BUFFER_MAX_BYTES, 8L << 20),
        Duration.ofMillis(c.nonNegative(IDLE_TIMEOUT_MS, 30_000)),
        Duration.ofMillis(c.nonNegative(IDLE_CHECK_INTERVAL_MS, 1_000)),
        Duration.ofMillis(c.nonNegative(CLOSED_TRACK_RETENTION_MS, 3_600_000)),
        (int) c.nonNegative(MAX_CHUNK_BYTES, 1 << 20),
        (int) c.nonNegative(MAX_CHANNELS, 8),
        c.string(BACKBONE, "affect"),
        c.string(IMAGE_REFERENCE_ROOTS).map(TopologyConfig::paths).orElse(List.of()),
        c.nonNegative(IMAGE_MAX_BYTES, 16L << 20),
        c.nonNegative(IMAGE_MAX_PIXELS, 40_000_000L),
        c.nonNegative(ROCKSDB_MEMORY_BYTES, 64L << 20),
        (int) c.nonNegative(DEAD_LETTER_PAYLOAD_MAX_BYTES, 256 << 10),
        new MatchingSettings(
            Duration.ofMillis(c.nonNegative(PAIRING_IMAGE_WINDOW_MS, 30 * 60_000)),
            Duration.ofMillis(c.nonNegative(PAIRING_SEGMENT_WINDOW_MS, 3 * 60_000)),
            (int) c.nonNegative(PAIRING_MAX_IMAGES, 50),
            (int) c.nonNegative(SCORES_KEPT, 100),
            (int) c.nonNegative(MATCHING_TOP_K, 10),
            (int) c.nonNegative(EMBEDDING_CACHE_ENTRIES, 10_000),
            Duration.ofMillis(c.nonNegative(PAIRING_PURGE_INTERVAL_MS, 60_000))),
        (int) c.nonNegative(QUERY_PORT, 0),
        c.string(QUERY_HOST).filter(h -> !h.isBlank()).orElse(null),
        passThrough);
  }

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    String upper = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    return key.startsWith("acp.") ? upper : "ACP_" + upper;
  }

  /** The assembler's settings. */
  public dev.acpstream.topology.audio.ChunkAssembler.Settings assemblerSettings() {
    return new dev.acpstream.topology.audio.ChunkAssembler.Settings(
        shortGapMax, bufferMaxChunks, bufferMaxBytes, idleTimeout, idleCheckInterval, closedTrackRetention);
  }

  /** How the Avro serdes encode (registry when {@code schema.registry.url} is passed through). */
  public SerdeConfig serdeConfig() {
    return SerdeConfig.from(passThrough);
  }

  /**
   * The Kafka Streams configuration: exactly-once v2, the dead-letter handlers, the shared
   * RocksDB memory cap; pass-through keys last so a deployment can override any of them.
   */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    // Also for global stores (the model store, next step); the 5.0 default, set now.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
    p.put(ROCKSDB_MEMORY_BYTES, String.valueOf(rocksDbMemoryBytes));
    p.put(DEAD_LETTER_PAYLOAD_MAX_BYTES, String.valueOf(deadLetterPayloadMaxBytes));
    // Changelogged track state holds up to 10 s of float samples (< 0.9 MB); leave headroom.
    p.put(StreamsConfig.producerPrefix("max.request.size"), String.valueOf(4 << 20));
    if (queryPort > 0) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
          (queryHost != null ? queryHost : advertisedHostName()) + ":" + queryPort);
    }
    passThrough.forEach(p::put);
    return p;
  }

  /**
   * The port other instances reach this one's interactive queries on: that of {@code
   * application.server} (given, or made from {@link #QUERY_PORT}); empty when neither is set.
   */
  public java.util.OptionalInt queryServerPort() {
    Object server = passThrough.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    if (server == null || server.toString().isBlank()) {
      return queryPort > 0 ? java.util.OptionalInt.of(queryPort) : java.util.OptionalInt.empty();
    }
    String s = server.toString();
    int colon = s.lastIndexOf(':');
    try {
      return java.util.OptionalInt.of(Integer.parseInt(s.substring(colon + 1)));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(StreamsConfig.APPLICATION_SERVER_CONFIG + " must be HOST:PORT: " + s);
    }
  }

  /** This host's name as others resolve it (a pod's FQDN in a StatefulSet, a container's hostname in compose). */
  private static String advertisedHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  private static List<Path> paths(String csv) {
    return java.util.Arrays.stream(csv.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().normalize())
        .toList();
  }
}
