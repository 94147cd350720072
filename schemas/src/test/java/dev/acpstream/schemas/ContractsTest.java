package dev.acpstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The contracts' house rules, checked on the .avsc sources and the catalog. */
class ContractsTest {

  private static final Path AVRO = Path.of(System.getProperty("acp.project.dir", ".."))
      .resolve("schemas/src/main/avro");

  @Test
  void everyAvscDefinesOneDocumentedTypeNamedLikeItsFileInTheProductNamespace() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(AVRO)) {
      files = walk.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    }
    assertTrue(files.size() >= 19, "found " + files.size() + " under " + AVRO.toAbsolutePath());
    Schema.Parser parser = new Schema.Parser();
    // Shared types first, as the build parses them.
    List<Path> ordered = new ArrayList<>(files.stream().filter(p -> p.getParent().endsWith("common")).toList());
    files.stream().filter(p -> !p.getParent().endsWith("common")).forEach(ordered::add);
    List<String> problems = new ArrayList<>();
    for (Path file : ordered) {
      Schema s = parser.parse(file.toFile());
      String expected = file.getFileName().toString().replace(".avsc", "");
      if (!s.getName().equals(expected)) {
        problems.add(file + " defines " + s.getName());
      }
      if (!"dev.acpstream.schemas.avro".equals(s.getNamespace())) {
        problems.add(file + " namespace " + s.getNamespace());
      }
      if (s.getDoc() == null || s.getDoc().isBlank()) {
        problems.add(file + " has no doc");
      }
      if (s.getType() == Schema.Type.RECORD) {
        s.getFields().stream().filter(f -> f.doc() == null || f.doc().isBlank())
            .forEach(f -> problems.add(file + " field " + f.name() + " has no doc"));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theCatalogHasUniqueNamesAndDistinctValueTypesWhereItMatters() {
    Set<String> names = new HashSet<>();
    Topics.ALL.forEach(t -> assertTrue(names.add(t.name()), "duplicate topic " + t.name()));
    assertEquals(12, Topics.ALL.size());
    Map<String, ?> samples = Samples.byTopic();
    assertEquals(names, samples.keySet(), "a sample per topic");
    Topics.ALL.forEach(t -> assertEquals(t.valueType(), samples.get(t.name()).getClass(), t.name()));
    assertEquals(CleanupPolicy.COMPACT, Topics.MODELS_ACPNET.cleanupPolicy());
    assertEquals(1, Topics.MODELS_ACPNET.partitions());
  }

  @Test
  void embeddingAndFeatureContractsCarryTheRightSizes() {
    // The samples follow the paper: 193-d music descriptors, 1024-d embeddings.
    assertEquals(193, Samples.musicSegment().getFeatures().size());
    assertEquals(1024, Samples.embedding(dev.acpstream.schemas.avro.ItemKind.MUSIC).getVector().size());
  }

  @Test
  void unknownTopicNamesAndSettingsKeysFailLoudly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.byName("media.image"));
    assertTrue(e.getMessage().contains("media.images"), e.getMessage());
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> TopicSettings.from(Map.of("acp.topics.media.image.partitions", "3")));
    assertTrue(typo.getMessage().contains("acp.topics.media.image.partitions"), typo.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> TopicSettings.from(Map.of("acp.topics.partitions", "0")));
    assertTrue(zero.getMessage().contains("acp.topics.partitions"), zero.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TopicSettings.from(Map.of("acp.topics.replicas", "3")));
  }

  @Test
  void settingsOverrideDefaultsPerTopic() {
    TopicSettings s = TopicSettings.from(Map.of(
        "acp.topics.partitions", "2",
        "acp.topics.media.audio-chunks.partitions", "12",
        "acp.topics.errors.dead-letter.retention.ms", "-1",
        "acp.topics.replication.factor", "3",
        "unrelated.key", "ignored"));
    assertEquals(12, s.partitions(Topics.MEDIA_AUDIO_CHUNKS));
    assertEquals(2, s.partitions(Topics.MEDIA_IMAGES));
    assertEquals(-1, s.retentionMs(Topics.ERRORS_DEAD_LETTER));
    assertEquals(Topics.MEDIA_IMAGES.retentionMs(), s.retentionMs(Topics.MEDIA_IMAGES));
    assertEquals(java.util.Optional.of((short) 3), s.replicationFactor());
    assertEquals(3, TopicAdmin.newTopic(Topics.MODELS_ACPNET, s).replicationFactor());
  }

  @Test
  void theTwoFeatureTopicsMustKeepEqualPartitionCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TopicSettings.from(Map.of("acp.topics.features.image.partitions", "3")));
    assertTrue(e.getMessage().contains("features.image") && e.getMessage().contains("features.music-segment"),
        e.getMessage());
    TopicSettings both = TopicSettings.from(Map.of("acp.topics.features.image.partitions", "3",
        "acp.topics.features.music-segment.partitions", "3"));
    assertEquals(3, both.partitions(Topics.FEATURES_IMAGE));
    assertEquals(4, TopicSettings.from(Map.of("acp.topics.partitions", "4")).partitions(Topics.FEATURES_MUSIC_SEGMENT));
  }

  @Test
  void segmentAndPairKeys() {
    assertEquals("track-7:3", Keys.segment("track-7", 3));
    assertEquals("img-1:track-7", Keys.pair("img-1", "track-7"));
    assertThrows(IllegalArgumentException.class, () -> Keys.segment("t", -1));
  }
}
