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
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.topology.match.CatalogueIndex;
import dev.acpstream.topology.match.CatalogueItem;
import dev.acpstream.topology.match.CatalogueItemSerde;
import dev.acpstream.topology.match.CatalogueMatcher;
import dev.acpstream.topology.match.CatalogueUpdates;
import dev.acpstream.topology.match.ItemEmbedder;
import dev.acpstream.topology.match.LatestValues;
import dev.acpstream.topology.match.PairScorer;
import dev.acpstream.topology.match.PairingPartitioner;
import dev.acpstream.topology.model.ModelHolder;
import dev.acpstream.topology.model.ModelUpdates;
import java.time.Clock;
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
 *   (both feature topics partitioned by pairing key: PairingPartitioner)
 * features.image, features.music-segment -> ItemEmbedder (ModelHolder)         -> embeddings.image, embeddings.music
 *                                        -> PairScorer [pairing-images, pairing-segments, latest-scores] -> scores.correspondence
 *                                        -> CatalogueMatcher (CatalogueIndex)  -> matches.topk
 * global: models.acpnet -> ModelUpdates [models]; embeddings.* -> CatalogueUpdates [image-catalogue,
 *         music-catalogue]; matches.topk -> LatestValues [topk-latest]
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
  public static final String IMAGE_FEATURES_SOURCE = "image-features-in";
  public static final String SEGMENT_FEATURES_SOURCE = "music-segment-features-in";
  public static final String IMAGE_EMBEDDER = "image-embedder";
  public static final String MUSIC_EMBEDDER = "music-embedder";
  public static final String IMAGE_EMBEDDINGS_SINK = "image-embeddings-out";
  public static final String MUSIC_EMBEDDINGS_SINK = "music-embeddings-out";
  public static final String PAIR_SCORER = "pair-scorer";
  public static final String SCORES_SINK = "scores-out";
  public static final String CATALOGUE_MATCHER = "catalogue-matcher";
  public static final String MATCHES_SINK = "matches-out";
  public static final String MODELS_SOURCE = "models-in";
  public static final String MODEL_UPDATES = "model-updates";
  public static final String IMAGE_CATALOGUE_SOURCE = "image-catalogue-in";
  public static final String IMAGE_CATALOGUE_UPDATES = "image-catalogue-updates";
  public static final String MUSIC_CATALOGUE_SOURCE = "music-catalogue-in";
  public static final String MUSIC_CATALOGUE_UPDATES = "music-catalogue-updates";
  public static final String TOPK_SOURCE = "topk-in";
  public static final String TOPK_UPDATES = "topk-updates";

  /** Global: the newest record per model name ("champion", "challenger"). */
  public static final String MODELS_STORE = "models";
  /** Global: the image catalogue (embeddings.image). */
  public static final String IMAGE_CATALOGUE_STORE = "image-catalogue";
  /** Global: the music catalogue (embeddings.music). */
  public static final String MUSIC_CATALOGUE_STORE = "music-catalogue";
  /** Global: the newest top-K list per query item (matches.topk). */
  public static final String TOPK_STORE = "topk-latest";
  /** Per pairing key and image: the key's recent images. */
  public static final String PAIRING_IMAGES_STORE = "pairing-images";
  /** Per pairing key: its segments still inside the pairing windows. */
  public static final String PAIRING_SEGMENTS_STORE = "pairing-segments";
  /** Per pairing key: the newest scores, newest first (interactive queries). */
  public static final String LATEST_SCORES_STORE = "latest-scores";

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
    return build(config, windows, backbone,
        new ModelHolder(backbone.id(), backbone.dim(), Clock.systemUTC()), new CatalogueIndex());
  }

  /**
   * The whole topology, with the instance's model holder and catalogue (shared by all its tasks
   * and read by its interactive queries).
   */
  public static Topology build(TopologyConfig config, WindowFeatureExtractor windows,
      ImageBackbone backbone, ModelHolder models, CatalogueIndex catalogue) {
    SerdeConfig serdes = config.serdeConfig();
    Serde<ImageFeatures> imageFeaturesSerde = Topics.FEATURES_IMAGE.valueSerde(serdes);
    Serde<MusicSegmentFeatures> segmentSerde = Topics.FEATURES_MUSIC_SEGMENT.valueSerde(serdes);
    Serde<Embedding> embeddingSerde = Topics.EMBEDDINGS_IMAGE.valueSerde(serdes);
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
    // Segment vectors out, keyed trackId:segmentIndex, partitioned by pairing key (see below).
    topology.addSink(SEGMENT_SINK, Topics.FEATURES_MUSIC_SEGMENT.name(),
        Topics.FEATURES_MUSIC_SEGMENT.keySerde(serdes).serializer(),
        Topics.FEATURES_MUSIC_SEGMENT.valueSerde(serdes).serializer(),
        new PairingPartitioner<>(MusicSegmentFeatures.class, MusicSegmentFeatures::getPairingKey),
        CHUNK_ASSEMBLER);

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
    // Image features out, keyed by mediaId, partitioned by pairing key like the segments, so an
    // image and the segments of its key are read by one pairing task (no repartition topic).
    topology.addSink(IMAGE_FEATURES_SINK, Topics.FEATURES_IMAGE.name(),
        Topics.FEATURES_IMAGE.keySerde(serdes).serializer(),
        Topics.FEATURES_IMAGE.valueSerde(serdes).serializer(),
        new PairingPartitioner<>(ImageFeatures.class, ImageFeatures::getPairingKey),
        IMAGE_FEATURES);

    // Models: the compacted models.acpnet, on every instance, loaded into the ModelHolder that
    // the embedders read; a new record swaps the model in for the next item, no restart.
    topology.addGlobalStore(globalStore(MODELS_STORE, Topics.MODELS_ACPNET.valueSerde(serdes)),
        MODELS_SOURCE, Topics.MODELS_ACPNET.keySerde(serdes).deserializer(),
        Topics.MODELS_ACPNET.valueSerde(serdes).deserializer(), Topics.MODELS_ACPNET.name(),
        MODEL_UPDATES, () -> new ModelUpdates(models, MODELS_STORE));
    // The catalogue: the compacted embeddings topics, on every instance, indexed in memory.
    topology.addGlobalStore(globalStore(IMAGE_CATALOGUE_STORE, embeddingSerde),
        IMAGE_CATALOGUE_SOURCE, Topics.EMBEDDINGS_IMAGE.keySerde(serdes).deserializer(),
        embeddingSerde.deserializer(), Topics.EMBEDDINGS_IMAGE.name(),
        IMAGE_CATALOGUE_UPDATES, () -> new CatalogueUpdates(catalogue, ItemKind.IMAGE, IMAGE_CATALOGUE_STORE));
    topology.addGlobalStore(globalStore(MUSIC_CATALOGUE_STORE, embeddingSerde),
        MUSIC_CATALOGUE_SOURCE, Topics.EMBEDDINGS_MUSIC.keySerde(serdes).deserializer(),
        embeddingSerde.deserializer(), Topics.EMBEDDINGS_MUSIC.name(),
        MUSIC_CATALOGUE_UPDATES, () -> new CatalogueUpdates(catalogue, ItemKind.MUSIC, MUSIC_CATALOGUE_STORE));
    // The latest top-K list per item, on every instance, for interactive queries.
    topology.addGlobalStore(globalStore(TOPK_STORE, Topics.MATCHES_TOPK.valueSerde(serdes)),
        TOPK_SOURCE, Topics.MATCHES_TOPK.keySerde(serdes).deserializer(),
        Topics.MATCHES_TOPK.valueSerde(serdes).deserializer(), Topics.MATCHES_TOPK.name(),
        TOPK_UPDATES, () -> new LatestValues<TopKMatches>(TOPK_STORE));

    // Features back in: both feature topics in one sub-topology, so partition p of each is one task.
    topology.addSource(IMAGE_FEATURES_SOURCE,
        Topics.FEATURES_IMAGE.keySerde(serdes).deserializer(), imageFeaturesSerde.deserializer(),
        Topics.FEATURES_IMAGE.name());
    topology.addSource(SEGMENT_FEATURES_SOURCE,
        Topics.FEATURES_MUSIC_SEGMENT.keySerde(serdes).deserializer(), segmentSerde.deserializer(),
        Topics.FEATURES_MUSIC_SEGMENT.name());
    // Features -> subnetwork embeddings under the champion (and the challenger in shadow mode).
    topology.addProcessor(IMAGE_EMBEDDER,
        () -> new ItemEmbedder<ImageFeatures>((f, ts) -> CatalogueItem.of(f), models,
            new DeadLetterRouter<>(letters, imageFeaturesSerde.serializer(), DEAD_LETTER_SINK),
            IMAGE_EMBEDDINGS_SINK, PAIR_SCORER, CATALOGUE_MATCHER),
        IMAGE_FEATURES_SOURCE);
    topology.addProcessor(MUSIC_EMBEDDER,
        () -> new ItemEmbedder<MusicSegmentFeatures>(CatalogueItem::of, models,
            new DeadLetterRouter<>(letters, segmentSerde.serializer(), DEAD_LETTER_SINK),
            MUSIC_EMBEDDINGS_SINK, PAIR_SCORER, CATALOGUE_MATCHER),
        SEGMENT_FEATURES_SOURCE);
    // Embeddings out (with their features): the compacted catalogue, keyed by item id.
    topology.addSink(IMAGE_EMBEDDINGS_SINK, Topics.EMBEDDINGS_IMAGE.name(),
        Topics.EMBEDDINGS_IMAGE.keySerde(serdes).serializer(), embeddingSerde.serializer(), IMAGE_EMBEDDER);
    topology.addSink(MUSIC_EMBEDDINGS_SINK, Topics.EMBEDDINGS_MUSIC.name(),
        Topics.EMBEDDINGS_MUSIC.keySerde(serdes).serializer(), embeddingSerde.serializer(), MUSIC_EMBEDDER);
    // Live pairing by key: each pair scored once, when its second item arrives.
    topology.addProcessor(PAIR_SCORER,
        () -> new PairScorer(config.matching(), PAIRING_IMAGES_STORE, PAIRING_SEGMENTS_STORE,
            LATEST_SCORES_STORE, SCORES_SINK),
        IMAGE_EMBEDDER, MUSIC_EMBEDDER);
    topology.addStateStore(pairingStore(PAIRING_IMAGES_STORE), PAIR_SCORER);
    topology.addStateStore(pairingStore(PAIRING_SEGMENTS_STORE), PAIR_SCORER);
    topology.addStateStore(latestScoresStore(Topics.SCORES_CORRESPONDENCE.valueSerde(serdes)), PAIR_SCORER);
    // Scores out, keyed by pairing key.
    topology.addSink(SCORES_SINK, Topics.SCORES_CORRESPONDENCE.name(),
        Topics.SCORES_CORRESPONDENCE.keySerde(serdes).serializer(),
        Topics.SCORES_CORRESPONDENCE.valueSerde(serdes).serializer(), PAIR_SCORER);
    // Catalogue matching: each new item against the whole other side -> top-K.
    topology.addProcessor(CATALOGUE_MATCHER,
        () -> new CatalogueMatcher(catalogue, config.matching().topK(), MATCHES_SINK),
        IMAGE_EMBEDDER, MUSIC_EMBEDDER);
    // Match lists out, keyed by the query item's id.
    topology.addSink(MATCHES_SINK, Topics.MATCHES_TOPK.name(),
        Topics.MATCHES_TOPK.keySerde(serdes).serializer(),
        Topics.MATCHES_TOPK.valueSerde(serdes).serializer(), CATALOGUE_MATCHER);

    // Everything the processors reject, keyed by source topic; undecodable records and processing
    // failures reach the same topic through the handlers in TopologyConfig#streamsProperties.
    topology.addSink(DEAD_LETTER_SINK, Topics.ERRORS_DEAD_LETTER.name(),
        Topics.ERRORS_DEAD_LETTER.keySerde(serdes).serializer(),
        Topics.ERRORS_DEAD_LETTER.valueSerde(serdes).serializer(),
        CHUNK_ASSEMBLER, IMAGE_FEATURES, IMAGE_EMBEDDER, MUSIC_EMBEDDER);
    return topology;
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> globalStore(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled();
  }

  private static StoreBuilder<KeyValueStore<String, CatalogueItem>> pairingStore(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
            new CatalogueItemSerde())
        .withLoggingEnabled(Map.of());
  }

  private static StoreBuilder<KeyValueStore<String, CorrespondenceScore>> latestScoresStore(
      Serde<CorrespondenceScore> scores) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST_SCORES_STORE),
            Serdes.String(), scores)
        .withLoggingEnabled(Map.of());
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
