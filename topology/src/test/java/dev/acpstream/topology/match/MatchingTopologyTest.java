package dev.acpstream.topology.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.AcpNetModel;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.schemas.avro.TopKMatches;
import dev.acpstream.topology.AcpTopology;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TestImages;
import dev.acpstream.topology.TestModels;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.TopologyHarness;
import dev.acpstream.topology.model.ModelRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings, live pairing, catalogue matching and model hot swap through the real topology in a
 * TopologyTestDriver: real photos through the affect backbone, real audio through the assembler,
 * untrained (seeded) models whose scores the test recomputes from the emitted features.
 */
class MatchingTopologyTest {

  private static final long T0 = TestAudio.EPOCH_MS;

  private static AcpNetArtifact v1;
  private static AcpNetArtifact v2;
  private TopologyHarness h;

  @BeforeAll
  static void models() {
    v1 = TestModels.artifact(1);
    v2 = TestModels.artifact(2);
  }

  @BeforeEach
  void start() {
    h = new TopologyHarness(new Properties());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aSegmentAndTheImagesOfItsKeyAreScoredOncePerPairWithTheChampion() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    uploadImage("img-a", "party-1", "Autumn.jpg", T0);
    uploadImage("img-b", "party-1", "Kite.jpg", T0 + 500);
    uploadImage("img-other", "party-2", "Autumn.jpg", T0);
    streamTrack("track-1", "party-1", 12);

    List<CorrespondenceScore> scores = h.scores.readValuesToList();
    assertEquals(2, scores.size(), "one segment x the two images of its key");
    MusicSegmentFeatures segment = h.segments.readValuesToList().get(0);
    List<ImageFeatures> features = h.imageFeatures.readValuesToList();
    AcpNetModel model = v1.model();
    for (CorrespondenceScore s : scores) {
      assertEquals("party-1", s.getPairingKey());
      assertEquals("track-1", s.getMusicId());
      assertEquals(0, s.getMusicSegmentIndex());
      assertEquals("v1", s.getModelVersion());
      assertNull(s.getChallenger());
      ImageFeatures image = features.stream().filter(f -> f.getMediaId().equals(s.getImageId())).findFirst().orElseThrow();
      float expected = model.score(model.embedImage(floats(image.getFeatures())),
          model.embedMusic(floats(segment.getFeatures())));
      assertEquals(expected, s.getProbability(), 1e-6f, "the score is ACP-Net's on the emitted features");
      assertEquals("3class", s.getMusicEmotion().getScheme());
      assertEquals(8, s.getImageEmotion().getClassNames().size());
    }
    assertEquals(List.of("img-a", "img-b"), scores.stream().map(s -> s.getImageId().toString()).sorted().toList());

    // A later image of the key meets the track's current segment.
    uploadImage("img-c", "party-1", "Autumn.jpg", T0 + 20_000);
    List<CorrespondenceScore> later = h.scores.readValuesToList();
    assertEquals(1, later.size());
    assertEquals("img-c", later.get(0).getImageId());
    assertEquals("track-1", later.get(0).getMusicId());
  }

  @Test
  void theLatestScoresOfAKeyAreKeptNewestFirstForQueries() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    uploadImage("img-a", "party-1", "Autumn.jpg", T0);
    streamTrack("track-1", "party-1", 12);
    h.advanceWallClock(java.time.Duration.ofSeconds(1));
    uploadImage("img-b", "party-1", "Kite.jpg", T0 + 20_000);
    KeyValueStore<String, CorrespondenceScore> store = h.driver.getKeyValueStore(AcpTopology.LATEST_SCORES_STORE);
    List<String> images = new ArrayList<>();
    try (KeyValueIterator<String, CorrespondenceScore> it =
        store.prefixScan(PairScorer.scoresPrefix("party-1"), new org.apache.kafka.common.serialization.StringSerializer())) {
      it.forEachRemaining(kv -> images.add(kv.value.getImageId()));
    }
    assertEquals(List.of("img-b", "img-a"), images);
  }

  @Test
  void eachNewItemGetsTheTopKOfTheWholeCatalogueAcrossKeys() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    streamTrack("track-1", "party-1", 12);
    streamTrack("track-2", null, 12);
    uploadImage("img-a", "elsewhere", "Autumn.jpg", T0);
    List<KeyValue<String, TopKMatches>> lists = h.matches.readKeyValuesToList();
    TopKMatches forImage = lists.stream().filter(kv -> kv.key.equals("img-a")).findFirst().orElseThrow().value;
    assertEquals(ItemKind.IMAGE, forImage.getQueryKind());
    assertEquals(List.of("track-1:0", "track-2:0").stream().sorted().toList(),
        forImage.getMatches().stream().map(m -> m.getItemId().toString()).sorted().toList());
    assertTrue(forImage.getMatches().get(0).getScore() >= forImage.getMatches().get(1).getScore(), "best first");
    AcpNetModel model = v1.model();
    List<MusicSegmentFeatures> segments = h.segments.readValuesToList();
    ImageFeatures image = h.imageFeatures.readValuesToList().get(0);
    for (var m : forImage.getMatches()) {
      MusicSegmentFeatures seg = segments.stream()
          .filter(s -> (s.getTrackId() + ":" + s.getSegmentIndex()).equals(m.getItemId())).findFirst().orElseThrow();
      assertEquals(model.score(model.embedImage(floats(image.getFeatures())), model.embedMusic(floats(seg.getFeatures()))),
          m.getScore(), 1e-6f);
    }
    // The second segment's list already had nothing to rank but no images; the first had none either.
    TopKMatches forSegment = lists.stream().filter(kv -> kv.key.equals("track-2:0")).findFirst().orElseThrow().value;
    assertEquals(0, forSegment.getMatches().size());
    // Items without a pairing key are matched but never paired.
    assertTrue(h.scores.readValuesToList().isEmpty());
    // Top-K lists are queryable on every instance (global store).
    assertNotNull(h.driver.getKeyValueStore(AcpTopology.TOPK_STORE).get("img-a"));
  }

  @Test
  void aNewModelIsPickedUpForTheNextItemAndAChallengerOnlyShadows() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    uploadImage("img-a", "party-1", "Autumn.jpg", T0);
    streamTrack("track-1", "party-1", 12);
    assertEquals("v1", h.scores.readValuesToList().get(0).getModelVersion());

    publish(ModelRecords.CHAMPION, "v2", v2);
    assertEquals("v2", h.modelHolder.champion().orElseThrow().version());
    publish(ModelRecords.CHAMPION, "v2", v2);
    assertEquals(2, h.modelHolder.swaps(), "v1, v2; the same version again is no swap");
    uploadImage("img-b", "party-1", "Kite.jpg", T0 + 20_000);
    CorrespondenceScore withV2 = h.scores.readValuesToList().get(0);
    assertEquals("v2", withV2.getModelVersion());
    MusicSegmentFeatures segment = h.segments.readValuesToList().get(0);
    ImageFeatures imageB = h.imageFeatures.readValuesToList().stream()
        .filter(f -> f.getMediaId().equals("img-b")).findFirst().orElseThrow();
    AcpNetModel m2 = v2.model();
    assertEquals(m2.score(m2.embedImage(floats(imageB.getFeatures())), m2.embedMusic(floats(segment.getFeatures()))),
        withV2.getProbability(), 1e-6f, "the stored segment is re-embedded under v2");

    publish(ModelRecords.CHALLENGER, "c1", v1);
    uploadImage("img-c", "party-1", "Autumn.jpg", T0 + 30_000);
    List<CorrespondenceScore> shadowed = h.scores.readValuesToList();
    assertEquals(1, shadowed.size(), "the challenger's score rides along; it is not emitted on its own");
    assertEquals("v2", shadowed.get(0).getModelVersion());
    assertEquals("c1", shadowed.get(0).getChallenger().getModelVersion());
    AcpNetModel m1 = v1.model();
    ImageFeatures imageC = h.imageFeatures.readValuesToList().get(0);
    assertEquals(m1.score(m1.embedImage(floats(imageC.getFeatures())), m1.embedMusic(floats(segment.getFeatures()))),
        shadowed.get(0).getChallenger().getProbability(), 1e-6f);

    h.models.pipeInput(ModelRecords.CHALLENGER, null);
    uploadImage("img-d", "party-1", "Kite.jpg", T0 + 40_000);
    assertNull(h.scores.readValuesToList().get(0).getChallenger(), "a tombstone withdraws the challenger");
  }

  @Test
  void aModelForAnotherBackboneOrUnreadableBytesIsRefusedAndTheChampionStays() {
    publish(ModelRecords.CHAMPION, "v1", v1);
    AcpNetArtifact inception = TestModels.artifact(AcpNetConfig.paper("tf:inception_v3", 2048), 3);
    publish(ModelRecords.CHAMPION, "v-inception", inception);
    assertEquals("v1", h.modelHolder.champion().orElseThrow().version());
    assertTrue(h.modelHolder.lastRefusal().orElseThrow().contains("tf:inception_v3"));

    h.models.pipeInput(ModelRecords.CHAMPION,
        ModelRecords.inline(ModelRecords.CHAMPION, "v-garbage", new byte[] {1, 2, 3}, java.util.Map.of(), TestModels.summary()));
    assertEquals("v1", h.modelHolder.champion().orElseThrow().version());
    assertTrue(h.modelHolder.lastRefusal().orElseThrow().contains("v-garbage"), h.modelHolder.lastRefusal().get());
  }

  @Test
  void itemsBeforeTheFirstModelAreKeptAndPairLater() throws Exception {
    uploadImage("img-a", "party-1", "Autumn.jpg", T0);
    assertTrue(h.imageEmbeddings.isEmpty(), "no model, no embedding");
    publish(ModelRecords.CHAMPION, "v1", v1);
    streamTrack("track-1", "party-1", 12);
    List<CorrespondenceScore> scores = h.scores.readValuesToList();
    assertEquals(1, scores.size());
    assertEquals("img-a", scores.get(0).getImageId());
    assertEquals(1, h.musicEmbeddings.readValuesToList().size());
  }

  @Test
  void whichPairsAreScoredDoesNotDependOnArrivalOrder() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    // Key 1 in event order: the photo, then a 75-s track (a full and a partial segment).
    uploadImage("img-first", "party-1", "Autumn.jpg", T0);
    streamTrack("track-1", "party-1", 75);
    List<String> inOrder = pairs(h.scores.readValuesToList());
    // Key 2 with the photo of the same event time processed late, after both segments (as after
    // a crash or while its input lags): it must meet both segments, not just the newest.
    streamTrack("track-2", "party-2", 75);
    assertTrue(h.scores.isEmpty(), "no image yet");
    uploadImage("img-late", "party-2", "Autumn.jpg", T0);
    List<String> late = pairs(h.scores.readValuesToList());
    assertEquals(List.of("img-first x track-1:0", "img-first x track-1:1"), inOrder);
    assertEquals(List.of("img-late x track-2:0", "img-late x track-2:1"), late);
  }

  private static List<String> pairs(List<CorrespondenceScore> scores) {
    return scores.stream().map(s -> s.getImageId() + " x " + s.getMusicId() + ":" + s.getMusicSegmentIndex())
        .sorted().toList();
  }

  @Test
  void anImageOutsideThePairingWindowIsNotScored() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    long window = h.config.matching().imageWindow().toMillis();
    uploadImage("img-old", "party-1", "Autumn.jpg", T0 - window - 60_000);
    uploadImage("img-new", "party-1", "Kite.jpg", T0);
    streamTrack("track-1", "party-1", 12);
    assertEquals(List.of("img-new"), h.scores.readValuesToList().stream().map(s -> s.getImageId().toString()).toList());
  }

  @Test
  void featuresAModelCannotEmbedGoToTheDeadLetterTopic() throws Exception {
    publish(ModelRecords.CHAMPION, "v1", v1);
    float[] nan = new float[193];
    nan[7] = Float.NaN;
    h.segmentFeaturesIn.pipeInput("bad:0", segment("bad", nan));
    h.imageFeaturesIn.pipeInput("wrong-dim", ImageFeatures.newBuilder().setMediaId("wrong-dim")
        .setBackbone("tf:other").setDim(3).setFeatures(List.of(1f, 2f, 3f))
        .setUploadedAt(Instant.ofEpochMilli(T0)).setExtractedAt(Instant.ofEpochMilli(T0)).build());
    List<DeadLetter> letters = h.deadLetters.readValuesToList();
    assertEquals(2, letters.size());
    for (DeadLetter d : letters) {
      assertEquals("INCOMPATIBLE_FEATURES", d.getReason());
    }
    assertTrue(letters.get(0).getErrorMessage().contains("bad:0"), letters.get(0).getErrorMessage());
    assertTrue(letters.get(1).getErrorMessage().contains("wrong-dim"), letters.get(1).getErrorMessage());
    // Processing goes on.
    uploadImage("img-a", "party-1", "Autumn.jpg", T0);
    assertEquals(1, h.imageEmbeddings.readValuesToList().size());
  }

  private void publish(String name, String version, AcpNetArtifact artifact) {
    h.models.pipeInput(name, TestModels.record(name, version, artifact));
  }

  private void uploadImage(String id, String pairingKey, String photo, long uploadedAt) {
    h.images.pipeInput(id, TestImages.upload(id, pairingKey, photo, uploadedAt));
  }

  private void streamTrack(String trackId, String pairingKey, int seconds) {
    for (AudioChunk c : TestAudio.chunks(trackId, TestAudio.signal(seconds, trackId.hashCode()))) {
      c.setPairingKey(pairingKey);
      h.send(c);
    }
  }

  private static MusicSegmentFeatures segment(String trackId, float[] v) {
    List<Float> f = new ArrayList<>();
    for (float x : v) {
      f.add(x);
    }
    return MusicSegmentFeatures.newBuilder().setTrackId(trackId).setSegmentIndex(0).setStartSeconds(0)
        .setDurationSeconds(60).setWindows(11).setPartial(false).setFeatures(f)
        .setSourceTimestamp(Instant.ofEpochMilli(T0)).setExtractedAt(Instant.ofEpochMilli(T0)).build();
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
