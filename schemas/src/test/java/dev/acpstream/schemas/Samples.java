package dev.acpstream.schemas;

import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import dev.acpstream.schemas.avro.BlobReference;
import dev.acpstream.schemas.avro.ChallengerScore;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.EmotionDistribution;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.LabeledPair;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.avro.ScoredItem;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.schemas.avro.TrainingSummary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/** One realistic record per topic of the catalog, with every optional field filled somewhere. */
public final class Samples {

  private static final Instant T0 = Instant.parse("2026-11-24T19:00:00.123Z");

  private Samples() {}

  /** A sample value for each catalog topic, keyed by topic name, in catalog order. */
  public static Map<String, SpecificRecord> byTopic() {
    Map<String, SpecificRecord> m = new LinkedHashMap<>();
    m.put(Topics.MEDIA_IMAGES.name(), imageUpload());
    m.put(Topics.MEDIA_AUDIO_CHUNKS.name(), audioChunk());
    m.put(Topics.FEATURES_IMAGE.name(), imageFeatures());
    m.put(Topics.FEATURES_MUSIC_SEGMENT.name(), musicSegment());
    m.put(Topics.EMBEDDINGS_IMAGE.name(), embedding(ItemKind.IMAGE));
    m.put(Topics.EMBEDDINGS_MUSIC.name(), embedding(ItemKind.MUSIC));
    m.put(Topics.SCORES_CORRESPONDENCE.name(), score());
    m.put(Topics.MATCHES_TOPK.name(), topK());
    m.put(Topics.LABELS_MEDIA.name(), mediaLabel());
    m.put(Topics.PAIRS_LABELED.name(), labeledPair());
    m.put(Topics.MODELS_ACPNET.name(), model());
    m.put(Topics.ERRORS_DEAD_LETTER.name(), deadLetter());
    return m;
  }

  public static ImageUpload imageUpload() {
    return ImageUpload.newBuilder()
        .setMediaId("img-0001")
        .setPairingKey("pair-42")
        .setContentType("image/jpeg")
        .setContent(new InlineBytes(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3})))
        .setUploadedAt(T0)
        .build();
  }

  public static ImageUpload imageByReference() {
    return ImageUpload.newBuilder()
        .setMediaId("img-0002")
        .setContentType("image/png")
        .setContent(new BlobReference("file:///media/big.png", 52_428_800L, "ab".repeat(32)))
        .setUploadedAt(T0)
        .build();
  }

  public static AudioChunk audioChunk() {
    byte[] pcm = new byte[4096];
    new Random(7).nextBytes(pcm);
    return AudioChunk.newBuilder()
        .setTrackId("track-7")
        .setPairingKey("pair-42")
        .setSeq(3L)
        .setEncoding(AudioEncoding.PCM_S16LE)
        .setSampleRate(22050)
        .setChannels(1)
        .setData(ByteBuffer.wrap(pcm))
        .setEndOfStream(false)
        .setProducedAt(T0.plusMillis(5))
        .build();
  }

  public static ImageFeatures imageFeatures() {
    return ImageFeatures.newBuilder()
        .setMediaId("img-0001")
        .setPairingKey("pair-42")
        .setBackbone("affect")
        .setDim(8)
        .setFeatures(floats(8, 1))
        .setUploadedAt(T0)
        .setExtractedAt(T0.plusMillis(40))
        .build();
  }

  public static MusicSegmentFeatures musicSegment() {
    return MusicSegmentFeatures.newBuilder()
        .setTrackId("track-7")
        .setPairingKey(null)
        .setSegmentIndex(2)
        .setStartSeconds(20.0)
        .setDurationSeconds(7.5)
        .setWindows(323)
        .setPartial(true)
        .setFeatures(floats(193, 2))
        .setSourceTimestamp(T0.plusMillis(5))
        .setExtractedAt(T0.plusMillis(90))
        .build();
  }

  public static Embedding embedding(ItemKind kind) {
    return Embedding.newBuilder()
        .setItemId(kind == ItemKind.IMAGE ? "img-0001" : "track-7")
        .setKind(kind)
        .setPairingKey("pair-42")
        .setSegmentIndex(kind == ItemKind.MUSIC ? 2 : null)
        .setModelVersion("acpnet-v1")
        .setVector(floats(1024, 3))
        .setEmotion(kind == ItemKind.IMAGE ? threeClass() : null)
        .setSourceTimestamp(T0)
        .build();
  }

  public static CorrespondenceScore score() {
    return CorrespondenceScore.newBuilder()
        .setPairingKey("pair-42")
        .setImageId("img-0001")
        .setMusicId("track-7")
        .setMusicSegmentIndex(2)
        .setProbability(0.83f)
        .setImageEmotion(threeClass())
        .setMusicEmotion(threeClass())
        .setModelVersion("acpnet-v1")
        .setChallenger(new ChallengerScore("acpnet-v2", 0.79f))
        .setLatencyMs(37L)
        .setScoredAt(T0.plusMillis(120))
        .build();
  }

  public static TopKMatches topK() {
    return TopKMatches.newBuilder()
        .setQueryItemId("img-0001")
        .setQueryKind(ItemKind.IMAGE)
        .setMatches(List.of(
            new ScoredItem("track-7", ItemKind.MUSIC, 0.91f),
            new ScoredItem("track-3", ItemKind.MUSIC, 0.52f)))
        .setModelVersion("acpnet-v1")
        .setComputedAt(T0.plusSeconds(1))
        .build();
  }

  public static MediaLabel mediaLabel() {
    return MediaLabel.newBuilder()
        .setItemId("track-7")
        .setItemKind(ItemKind.MUSIC)
        .setLabel("Q1")
        .setScheme("4q")
        .setSource("4q-dataset")
        .setLabeledAt(T0)
        .build();
  }

  public static LabeledPair labeledPair() {
    return new LabeledPair("img-0001", "track-7", true, "label-derived", T0);
  }

  public static AcpNetModel model() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val.accuracy", 0.6125);
    metrics.put("val.auc", 0.671);
    return AcpNetModel.newBuilder()
        .setModelName("champion")
        .setVersion("acpnet-v1")
        .setCreatedAt(T0.truncatedTo(ChronoUnit.SECONDS))
        .setMetrics(metrics)
        .setTraining(new TrainingSummary(List.of("4q", "iaps8"), 12_000L, 1_500L, 20, 42L,
            95_000L, "djl-pytorch-2.7.1", "lr=1e-3"))
        .setArtifactFormat("acpnet-djl-v1")
        .setArtifact(new BlobReference("file:///models/acpnet-v1.params", 16_777_216L, null))
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic("media.audio-chunks")
        .setSourcePartition(4)
        .setSourceOffset(1234L)
        .setKey("track-7")
        .setReason("TRUNCATED")
        .setErrorClass("dev.acpstream.schemas.serde.AvroSerdeException")
        .setErrorMessage("topic 'media.audio-chunks': truncated bytes: 3 bytes")
        .setPayload(new InlineBytes(ByteBuffer.wrap("bad".getBytes(StandardCharsets.UTF_8))))
        .setFailedAt(T0.plusSeconds(2))
        .setService("acp-topology")
        .build();
  }

  private static EmotionDistribution threeClass() {
    return new EmotionDistribution("3class", List.of("negative", "neutral", "positive"),
        List.of(0.1f, 0.2f, 0.7f));
  }

  private static List<Float> floats(int n, long seed) {
    Random r = new Random(seed);
    List<Float> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.nextFloat() * 2 - 1);
    }
    return out;
  }
}
