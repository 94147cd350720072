package dev.acpstream.topology;

import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.serde.SerdeConfig;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.Embedding;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.topology.match.CatalogueIndex;
import dev.acpstream.topology.model.ModelHolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real topology in a TopologyTestDriver, with the catalog's serdes in single-object mode, the
 * affect backbone and a mock wall clock starting at {@link #START}.
 */
public final class TopologyHarness implements AutoCloseable {

  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  public final TopologyConfig config;
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, AudioChunk> chunks;
  public final TestInputTopic<String, ImageUpload> images;
  public final TestInputTopic<byte[], byte[]> rawChunks;
  public final TestInputTopic<byte[], byte[]> rawImages;
  public final TestOutputTopic<String, MusicSegmentFeatures> segments;
  public final TestOutputTopic<String, ImageFeatures> imageFeatures;
  public final TestOutputTopic<String, DeadLetter> deadLetters;
  public final TestInputTopic<String, AcpNetModel> models;
  public final TestInputTopic<String, MusicSegmentFeatures> segmentFeaturesIn;
  public final TestInputTopic<String, ImageFeatures> imageFeaturesIn;
  public final TestOutputTopic<String, CorrespondenceScore> scores;
  public final TestOutputTopic<String, TopKMatches> matches;
  public final TestOutputTopic<String, Embedding> imageEmbeddings;
  public final TestOutputTopic<String, Embedding> musicEmbeddings;
  public final ModelHolder modelHolder;
  private final SharedRocksDbMemory memory;
  private final Path stateDir;

  public TopologyHarness(Properties overrides, WindowFeatureExtractor windows) {
    try {
      stateDir = Files.createTempDirectory("acp-ttd-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.setProperty(TopologyConfig.APPLICATION_ID, "acp-test");
    props.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, "unused:9092");
    props.setProperty(TopologyConfig.STATE_DIR, stateDir.toString());
    props.putAll(overrides);
    config = TopologyConfig.from(props, java.util.Map.of());
    memory = new SharedRocksDbMemory(config.rocksDbMemoryBytes());
    Properties streams = config.streamsProperties();
    streams.put(BoundedRocksDbConfig.SHARED_MEMORY, memory);
    AffectBackbone backbone = new AffectBackbone();
    modelHolder = new ModelHolder(backbone.id(), backbone.dim(), java.time.Clock.systemUTC());
    driver = new TopologyTestDriver(
        AcpTopology.build(config, windows, backbone, modelHolder, new CatalogueIndex()), streams, START);
    SerdeConfig serdes = SerdeConfig.singleObject();
    chunks = driver.createInputTopic(Topics.MEDIA_AUDIO_CHUNKS.name(),
        Topics.MEDIA_AUDIO_CHUNKS.keySerde(serdes).serializer(),
        Topics.MEDIA_AUDIO_CHUNKS.valueSerde(serdes).serializer());
    images = driver.createInputTopic(Topics.MEDIA_IMAGES.name(),
        Topics.MEDIA_IMAGES.keySerde(serdes).serializer(),
        Topics.MEDIA_IMAGES.valueSerde(serdes).serializer());
    rawChunks = driver.createInputTopic(Topics.MEDIA_AUDIO_CHUNKS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    rawImages = driver.createInputTopic(Topics.MEDIA_IMAGES.name(), new ByteArraySerializer(), new ByteArraySerializer());
    segments = driver.createOutputTopic(Topics.FEATURES_MUSIC_SEGMENT.name(),
        Topics.FEATURES_MUSIC_SEGMENT.keySerde(serdes).deserializer(),
        Topics.FEATURES_MUSIC_SEGMENT.valueSerde(serdes).deserializer());
    imageFeatures = driver.createOutputTopic(Topics.FEATURES_IMAGE.name(),
        Topics.FEATURES_IMAGE.keySerde(serdes).deserializer(),
        Topics.FEATURES_IMAGE.valueSerde(serdes).deserializer());
    models = driver.createInputTopic(Topics.MODELS_ACPNET.name(),
        Topics.MODELS_ACPNET.keySerde(serdes).serializer(), Topics.MODELS_ACPNET.valueSerde(serdes).serializer());
    segmentFeaturesIn = driver.createInputTopic(Topics.FEATURES_MUSIC_SEGMENT.name(),
        Topics.FEATURES_MUSIC_SEGMENT.keySerde(serdes).serializer(),
        Topics.FEATURES_MUSIC_SEGMENT.valueSerde(serdes).serializer());
    imageFeaturesIn = driver.createInputTopic(Topics.FEATURES_IMAGE.name(),
        Topics.FEATURES_IMAGE.keySerde(serdes).serializer(),
        Topics.FEATURES_IMAGE.valueSerde(serdes).serializer());
    scores = driver.createOutputTopic(Topics.SCORES_CORRESPONDENCE.name(),
        Topics.SCORES_CORRESPONDENCE.keySerde(serdes).deserializer(),
        Topics.SCORES_CORRESPONDENCE.valueSerde(serdes).deserializer());
    matches = driver.createOutputTopic(Topics.MATCHES_TOPK.name(),
        Topics.MATCHES_TOPK.keySerde(serdes).deserializer(),
        Topics.MATCHES_TOPK.valueSerde(serdes).deserializer());
    imageEmbeddings = driver.createOutputTopic(Topics.EMBEDDINGS_IMAGE.name(),
        Topics.EMBEDDINGS_IMAGE.keySerde(serdes).deserializer(),
        Topics.EMBEDDINGS_IMAGE.valueSerde(serdes).deserializer());
    musicEmbeddings = driver.createOutputTopic(Topics.EMBEDDINGS_MUSIC.name(),
        Topics.EMBEDDINGS_MUSIC.keySerde(serdes).deserializer(),
        Topics.EMBEDDINGS_MUSIC.valueSerde(serdes).deserializer());
    deadLetters = driver.createOutputTopic(Topics.ERRORS_DEAD_LETTER.name(),
        Topics.ERRORS_DEAD_LETTER.keySerde(serdes).deserializer(),
        Topics.ERRORS_DEAD_LETTER.valueSerde(serdes).deserializer());
  }

  public TopologyHarness(Properties overrides) {
    this(overrides, new WindowingProbe());
  }

  public void send(AudioChunk chunk) {
    chunks.pipeInput(chunk.getTrackId(), chunk);
  }

  /**
   * Pipes raw bytes, then one valid chunk of a throw-away track so the driver flushes its output:
   * a record that fails to deserialize never reaches a processor and triggers no commit by itself.
   */
  public void pipeRaw(TestInputTopic<byte[], byte[]> topic, byte[] key, byte[] value) {
    topic.pipeInput(key, value);
    send(TestAudio.chunk("flush-" + (flushes++), 0, new float[10], false));
  }

  private int flushes;

  public void advanceWallClock(Duration d) {
    driver.advanceWallClockTime(d);
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      memory.close();
      deleteQuietly(stateDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir; nothing depends on it
    }
  }
}
