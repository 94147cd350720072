package dev.acpstream.topology;

import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.image.ImageBackbone;
import dev.acpstream.core.image.ImageDecoder;
import dev.acpstream.core.image.ImageLimits;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.topology.audio.ChunkAssembler;
import dev.acpstream.topology.audio.PcmChunkDecoder;
import dev.acpstream.topology.audio.SegmentAggregator;
import dev.acpstream.topology.audio.TrackActivity;
import dev.acpstream.topology.audio.TrackState;
import dev.acpstream.topology.audio.TrackStateSerde;
import dev.acpstream.topology.errors.DeadLetterRouter;
import dev.acpstream.topology.errors.DeadLetters;
import dev.acpstream.topology.image.ImageBytesSource;
import dev.acpstream.topology.image.ImageFeaturesProcessor;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The acp-stream Kafka Streams application, built in one place. Topic names and serdes come from
 * the {@link Topics} catalog only; node and store names are constants so tests, interactive
 * queries and the next steps can refer to them.
 *
 * <pre>
 * media.audio-chunks -> ChunkAssembler [audio-track-state, audio-sample-blocks, audio-chunk-buffer, audio-track-activity] -> features.music-segment
 * media.images       -> ImageFeaturesProcessor                                 -> features.image
 * (any rejection, undecodable record, processing failure)                      -> errors.dead-letter
 * </pre>
 */
public final class AcpTopology {

  public static final String AUDIO_SOURCE = "audio-chunks";
  public static final String CHUNK_ASSEMBLER = "chunk-assembler";
  public static final String SEGMENT_SINK = "music-segment-features";
  public static final String IMAGE_SOURCE = "images";
  public static final String IMAGE_FEATURES = "image-features";
  public static final String IMAGE_FEATURES_SINK = "image-features-out";
  public static final String DEAD_LETTER_SINK = "dead-letters";

  /** Per track: sequencing, format and extraction progress ({@link TrackState}). */
  public static final String TRACK_STATE_STORE = "audio-track-state";
  /** Per track: last chunk time and close time, for the wall-clock idle sweep. */
  public static final String TRACK_ACTIVITY_STORE = "audio-track-activity";
  /** Per track and seq: raw chunks waiting for a missing predecessor. */
  public static final String CHUNK_BUFFER_STORE = "audio-chunk-buffer";
  /** Per track and stream position: blocks of the samples and window vectors the track state refers to. */
  public static final String SAMPLE_BLOCK_STORE = "audio-sample-blocks";

  /** A buffered chunk, or a sample block (up to one 10-s window): let their changelog records through. */
  private static final Map<String, String> BIG_RECORD_CHANGELOG =
      Map.of("max.message.bytes", String.valueOf(4 << 20));

  private AcpTopology() {}

  /**
   * The whole topology.
   *
   * @param windows the 193-d window extractor (the paper's: {@code WindowFeatureExtractors.paper193()})
   * @param backbone the image backbone named by {@link TopologyConfig#backboneSpec()}
   */
  public static Topology build(TopologyConfig config, WindowFeatureExtractor windows, ImageBackbone backbone) {
    SerdeConfig serdes = config.serdeConfig();
    DeadLetters letters = new DeadLetters(config.applicationId(), config.deadLetterPayloadMaxBytes());
    Serde<AudioChunk> chunkSerde = Topics.MEDIA_AUDIO_CHUNKS.valueSerde(serdes);
    Serde<ImageUpload> imageSerde = Topics.MEDIA_IMAGES.valueSerde(serdes);
    Topology topology = new Topology();

    // Audio chunks in, keyed by trackId so a track's chunks share a partition and a task.
    topology.addSource(AUDIO_SOURCE,
        Topics.MEDIA_AUDIO_CHUNKS.keySerde(serdes).deserializer(), chunkSerde.deserializer(),
        Topics.MEDIA_AUDIO_CHUNKS.name());
    // Reorder, de-duplicate, fill or cut gaps, decode PCM, 10-s windows -> 60-s segment vectors.
    topology.addProcessor(CHUNK_ASSEMBLER,
        () -> new ChunkAssembler(
            config.assemblerSettings(),
            new PcmChunkDecoder(config.maxChunkBytes(), config.maxChannels()),
            new SegmentAggregator(windows),
            new DeadLetterRouter<>(letters, chunkSerde.serializer(), DEAD_LETTER_SINK),
            TRACK_STATE_STORE, CHUNK_BUFFER_STORE, TRACK_ACTIVITY_STORE, SAMPLE_BLOCK_STORE, SEGMENT_SINK),
        AUDIO_SOURCE);
    // The assembler's state: a small record per track, the bounded reorder buffer, the 16 bytes per
    // track that the idle sweep scans, and the sample blocks (each chunk's samples written once).
    topology.addStateStore(trackStateStore(), CHUNK_ASSEMBLER);
    topology.addStateStore(chunkBufferStore(chunkSerde), CHUNK_ASSEMBLER);
    topology.addStateStore(trackActivityStore(), CHUNK_ASSEMBLER);
    topology.addStateStore(sampleBlockStore(), CHUNK_ASSEMBLER);
    // Segment vectors out, keyed trackId:segmentIndex.
    topology.addSink(SEGMENT_SINK, Topics.FEATURES_MUSIC_SEGMENT.name(),
        Topics.FEATURES_MUSIC_SEGMENT.keySerde(serdes).serializer(),
        Topics.FEATURES_MUSIC_SEGMENT.valueSerde(serdes).serializer(),
        CHUNK_ASSEMBLER);
    // NEXT STEP (music side): a MusicEmbedder processor attaches to CHUNK_ASSEMBLER here (or reads
    // features.music-segment) -> embeddings.music -> PairScorer / CatalogueMatcher.

    // Images in, keyed by mediaId.
    topology.addSource(IMAGE_SOURCE,
        Topics.MEDIA_IMAGES.keySerde(serdes).deserializer(), imageSerde.deserializer(),
        Topics.MEDIA_IMAGES.name());
    // Bytes (inline or file: reference) -> bounded decode -> backbone vector.
    topology.addProcessor(IMAGE_FEATURES,
        () -> new ImageFeaturesProcessor(
            new ImageBytesSource(config.imageReferenceRoots(), config.imageMaxBytes()),
            new ImageDecoder(new ImageLimits(config.imageMaxBytes(), config.imageMaxPixels())),
            backbone,
            new DeadLetterRouter<>(letters, imageSerde.serializer(), DEAD_LETTER_SINK),
            IMAGE_FEATURES_SINK),
        IMAGE_SOURCE);
    // Image features out, keyed by mediaId.
    topology.addSink(IMAGE_FEATURES_SINK, Topics.FEATURES_IMAGE.name(),
        Topics.FEATURES_IMAGE.keySerde(serdes).serializer(),
        Topics.FEATURES_IMAGE.valueSerde(serdes).serializer(),
        IMAGE_FEATURES);
    // NEXT STEP (image side): an ImageEmbedder attaches to IMAGE_FEATURES here -> embeddings.image.
    // NEXT STEP (models): models.acpnet as a global store feeding a ModelHolder that the embedders
    // and the PairScorer / CatalogueMatcher read (hot swap, shadow scoring).

    // Everything the processors reject, keyed by source topic; undecodable records and processing
    // failures reach the same topic through the handlers in TopologyConfig#streamsProperties.
    topology.addSink(DEAD_LETTER_SINK, Topics.ERRORS_DEAD_LETTER.name(),
        Topics.ERRORS_DEAD_LETTER.keySerde(serdes).serializer(),
        Topics.ERRORS_DEAD_LETTER.valueSerde(serdes).serializer(),
        CHUNK_ASSEMBLER, IMAGE_FEATURES);
    return topology;
  }

  private static StoreBuilder<KeyValueStore<String, TrackState>> trackStateStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TRACK_STATE_STORE), Serdes.String(), new TrackStateSerde())
        .withLoggingEnabled(Map.of());
  }

  private static StoreBuilder<KeyValueStore<String, TrackActivity>> trackActivityStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TRACK_ACTIVITY_STORE), Serdes.String(), new TrackActivity.StoreSerde())
        .withLoggingEnabled(Map.of());
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> sampleBlockStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SAMPLE_BLOCK_STORE), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingEnabled(BIG_RECORD_CHANGELOG);
  }

  private static StoreBuilder<KeyValueStore<String, AudioChunk>> chunkBufferStore(Serde<AudioChunk> chunks) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CHUNK_BUFFER_STORE), Serdes.String(), chunks)
        .withLoggingEnabled(BIG_RECORD_CHANGELOG);
  }
}
