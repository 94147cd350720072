package dev.acpstream.schemas;

import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalog of every topic in acp-stream; services take names and serdes from here and never
 * spell a topic name themselves. Keys are UTF-8 strings. Loading this class calls {@link
 * AvroTrust#install()}.
 *
 * <pre>{@code
 * SerdeConfig serdes = SerdeConfig.from(props);   // registry mode iff schema.registry.url is set
 * Consumed.with(Topics.AUDIO_CHUNKS.keySerde(serdes), Topics.AUDIO_CHUNKS.valueSerde(serdes));
 * }</pre>
 */
public final class Topics {

  private Topics() {}

  static {
    // Every service loads the catalog; this lets generated-record copies work under Avro 1.12.
    AvroTrust.install();
  }

  private static final Optional<Duration> FOREVER = Optional.empty();

  /** Images to score and to catalogue. Key: mediaId. */
  public static final TopicSpec<String, ImageUpload> MEDIA_IMAGES =
      avro("media.images", ImageUpload.class, 6, CleanupPolicy.DELETE, days(7));

  /** Audio streams, chunk by chunk. Key: trackId (keeps a track's chunks in order). */
  public static final TopicSpec<String, AudioChunk> MEDIA_AUDIO_CHUNKS =
      avro("media.audio-chunks", AudioChunk.class, 6, CleanupPolicy.DELETE, days(1));

  /** Image backbone features. Key: mediaId. */
  public static final TopicSpec<String, ImageFeatures> FEATURES_IMAGE =
      avro("features.image", ImageFeatures.class, 6, CleanupPolicy.DELETE, days(7));

  /** 193-d music segment descriptors. Key: "trackId:segmentIndex" ({@link Keys#segment}). */
  public static final TopicSpec<String, MusicSegmentFeatures> FEATURES_MUSIC_SEGMENT =
      avro("features.music-segment", MusicSegmentFeatures.class, 6, CleanupPolicy.DELETE, days(7));

  /** Image embeddings; compacted, it is the image side of the matching catalogue. Key: mediaId. */
  public static final TopicSpec<String, Embedding> EMBEDDINGS_IMAGE =
      avro("embeddings.image", Embedding.class, 6, CleanupPolicy.COMPACT, FOREVER);

  /**
   * Music embeddings; compacted, the music side of the catalogue. Key: trackId, or
   * "trackId:segmentIndex" for per-segment embeddings.
   */
  public static final TopicSpec<String, Embedding> EMBEDDINGS_MUSIC =
      avro("embeddings.music", Embedding.class, 6, CleanupPolicy.COMPACT, FOREVER);

  /** Correspondence verdicts. Key: pairingKey. */
  public static final TopicSpec<String, CorrespondenceScore> SCORES_CORRESPONDENCE =
      avro("scores.correspondence", CorrespondenceScore.class, 6, CleanupPolicy.DELETE, days(7));

  /** Best matches per query item; compacted to the latest list. Key: query item id. */
  public static final TopicSpec<String, TopKMatches> MATCHES_TOPK =
      avro("matches.topk", TopKMatches.class, 6, CleanupPolicy.COMPACT, FOREVER);

  /** Emotion labels (training data, kept forever). Key: item id. */
  public static final TopicSpec<String, MediaLabel> LABELS_MEDIA =
      avro("labels.media", MediaLabel.class, 3, CleanupPolicy.DELETE, FOREVER);

  /** True/false pairs (training data, kept forever). Key: "imageId:musicId" ({@link Keys#pair}). */
  public static final TopicSpec<String, LabeledPair> PAIRS_LABELED =
      avro("pairs.labeled", LabeledPair.class, 3, CleanupPolicy.DELETE, FOREVER);

  /**
   * Largest model record: an inline ACP-Net archive is 16 MB with the affect backbone and 28 MB
   * with a 2048-d one; producers of models.acpnet set {@code max.request.size} to this too.
   */
  public static final int MODEL_MAX_MESSAGE_BYTES = 64 << 20;

  /**
   * Published model versions; compacted, one partition so every instance sees one total order.
   * Key: model name ("champion", "challenger").
   */
  public static final TopicSpec<String, AcpNetModel> MODELS_ACPNET =
      avro("models.acpnet", AcpNetModel.class, 1, CleanupPolicy.COMPACT, FOREVER)
          .withMaxMessageBytes(MODEL_MAX_MESSAGE_BYTES);

  /** Records some service could not process. Key: the source topic. */
  public static final TopicSpec<String, DeadLetter> ERRORS_DEAD_LETTER =
      avro("errors.dead-letter", DeadLetter.class, 3, CleanupPolicy.DELETE, days(14));

  /** Every topic, in pipeline order. */
  public static final List<TopicSpec<String, ?>> ALL =
      List.of(
          MEDIA_IMAGES, MEDIA_AUDIO_CHUNKS, FEATURES_IMAGE, FEATURES_MUSIC_SEGMENT,
          EMBEDDINGS_IMAGE, EMBEDDINGS_MUSIC, SCORES_CORRESPONDENCE, MATCHES_TOPK, LABELS_MEDIA,
          PAIRS_LABELED, MODELS_ACPNET, ERRORS_DEAD_LETTER);

  /** The spec named {@code name}; throws with the known names when there is none. */
  public static TopicSpec<String, ?> byName(String name) {
    return ALL.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown topic '" + name + "'; known: " + ALL.stream().map(TopicSpec::name).toList()));
  }

  private static <V extends SpecificRecord> TopicSpec<String, V> avro(
      String name, Class<V> type, int partitions, CleanupPolicy cleanup,
      Optional<Duration> retention) {
    return new TopicSpec<>(
        name, type,
        (config, isKey) -> Serdes.String(),
        (config, isKey) -> isKey ? AvroSerde.forKey(type, config) : AvroSerde.forValue(type, config),
        partitions, cleanup, retention);
  }

  private static Optional<Duration> days(int days) {
    return Optional.of(Duration.ofDays(days));
  }
}
