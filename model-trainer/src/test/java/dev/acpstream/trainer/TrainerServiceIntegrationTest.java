package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.model.ModelRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on a real in-process broker, with synthetic features whose classes are clear, so
 * both branches of champion/challenger are controlled: a first model trained on shifted image
 * labels is published as v1 (nothing to beat yet); after a restart (fresh local state, restored
 * from the changelogs) corrected labels train a challenger that wins on the holdout and becomes
 * v2; more labels of the same kind train one that does not win by the margin and is dropped.
 */
class TrainerServiceIntegrationTest {

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
  private static KafkaFixture kafka;

  @TempDir Path dir;

  @BeforeAll
  static void broker() {
    kafka = new KafkaFixture();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void publishesTheFirstModelThenOnlyBetterChallengersAcrossARestart() throws Exception {
    Properties first = kafka.trainerProps("acp-trainer-it", dir.resolve("a"));
    TrainerConfig config = TrainerConfig.from(first, Map.of());
    Holdout holdout = new Holdout(config.holdoutSalt(), config.holdoutFraction());
    Random rng = new Random(7);

    // Per class: 2 held-out and 8 training images, 1 held-out and 3 training tracks.
    List<String> heldImages = new ArrayList<>();
    List<String> trainImages = new ArrayList<>();
    List<String> tracks = new ArrayList<>();
    List<ProducerRecord<String, ImageFeatures>> imageFeatures = new ArrayList<>();
    List<ProducerRecord<String, MusicSegmentFeatures>> segmentFeatures = new ArrayList<>();
    List<ProducerRecord<String, MediaLabel>> phaseA = new ArrayList<>();
    int trainingTracks = 0;
    int next = 0;
    for (EmotionClass c : EmotionClass.values()) {
      int held = 0;
      int train = 0;
      for (int k = 0; held < 2 || train < 8; k++) {
        String id = "img-" + c.label() + "-" + k;
        boolean h = holdout.containsImage(id);
        if (h ? held++ >= 2 : train++ >= 8) {
          continue;
        }
        (h ? heldImages : trainImages).add(id);
        imageFeatures.add(new ProducerRecord<>(Topics.FEATURES_IMAGE.name(), id, SyntheticMedia.image(id, c, rng)));
        // Training images are labelled one class off: v1 learns the wrong correspondence.
        EmotionClass given = h ? c : EmotionClass.values()[(c.ordinal() + 1) % 3];
        phaseA.add(label(id, ItemKind.IMAGE, given));
        next = Math.max(next, k + 1);
      }
      int heldTracks = 0;
      int trainTracks = 0;
      for (int k = 0; heldTracks < 1 || trainTracks < 3; k++) {
        String id = "trk-" + c.label() + "-" + k;
        boolean h = holdout.containsTrack(id);
        if (h ? heldTracks++ >= 1 : trainTracks++ >= 3) {
          continue;
        }
        trainingTracks += h ? 0 : 1;
        tracks.add(id);
        for (MusicSegmentFeatures s : SyntheticMedia.track(id, c, rng)) {
          segmentFeatures.add(new ProducerRecord<>(Topics.FEATURES_MUSIC_SEGMENT.name(),
              id + ":" + s.getSegmentIndex(), s));
        }
        phaseA.add(label(id, ItemKind.MUSIC, c));
      }
    }
    first.setProperty(TrainerConfig.RETRAIN_LABELS, String.valueOf(phaseA.size()));

    AcpNetModel v1;
    try (TrainerService trainer = new TrainerService(TrainerConfig.from(first, Map.of())).start()) {
      // Labels first, features after: the join waits for them.
      kafka.send(Topics.LABELS_MEDIA, phaseA);
      kafka.send(Topics.FEATURES_IMAGE, imageFeatures);
      kafka.send(Topics.FEATURES_MUSIC_SEGMENT, segmentFeatures);
      KafkaFixture.await("the first run", RUN_TIMEOUT, () -> trainer.status().runs() >= 1);
      assertEquals("v1", trainer.status().championVersion(), trainer.status().lastOutcome());
      assertEquals(phaseA.size(), trainer.status().labelsReady());
      v1 = models(1).get(0).value();
    }
    assertEquals(ModelRecords.CHAMPION, v1.getModelName());
    assertEquals("v1", v1.getVersion());
    double v1Acc = v1.getMetrics().get(TrainingRun.HOLDOUT_ACCURACY);
    AcpNetArtifact artifact = ModelRecords.artifact(v1);
    assertEquals(SyntheticMedia.BACKBONE, artifact.weights().config().backboneId());
    byte[] png = Base64.getDecoder().decode((String) artifact.info().trainingData().get("training_curve_png_base64"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    assertTrue(v1.getTraining().getEpochs() >= 1);
    assertTrue(v1.getTraining().getDatasets().stream().anyMatch(d -> d.toString().startsWith("holdout h-")));

    // Restart on a fresh machine (no local state): the training set comes back from the changelogs.
    Properties second = kafka.trainerProps("acp-trainer-it", dir.resolve("b"));
    second.setProperty(TrainerConfig.RETRAIN_LABELS, String.valueOf(trainImages.size()));
    second.setProperty(TrainerConfig.PROMOTION_MARGIN, "0.05");
    try (TrainerService trainer = new TrainerService(TrainerConfig.from(second, Map.of())).start()) {
      KafkaFixture.await("the restored training set", RUN_TIMEOUT,
          () -> trainer.status().labelsReady() == phaseA.size());
      assertEquals("v1", trainer.status().championVersion());
      Thread.sleep(2_000); // ten trigger checks
      assertEquals(0, trainer.status().runs(), "nothing new: no run after the restart");
      assertEquals(1, models(1).size(), "v1 is not republished");

      // The training images' labels are corrected: the challenger learns the right correspondence.
      List<ProducerRecord<String, MediaLabel>> phaseB = new ArrayList<>();
      for (String id : trainImages) {
        phaseB.add(label(id, ItemKind.IMAGE, EmotionClass.parse(id.split("-")[1])));
      }
      kafka.send(Topics.LABELS_MEDIA, phaseB);
      KafkaFixture.await("the second run", RUN_TIMEOUT, () -> trainer.status().runs() >= 1);
      assertEquals("v2", trainer.status().championVersion(), trainer.status().lastOutcome());
      AcpNetModel v2 = models(2).get(1).value();
      assertEquals("v2", v2.getVersion());
      Map<String, Double> m = v2.getMetrics();
      System.out.printf("v1 holdout %.4f in %.1f s; v2 holdout %.4f in %.1f s (%d epochs)%n", v1Acc,
          v1.getMetrics().get("training.seconds"), m.get(TrainingRun.HOLDOUT_ACCURACY),
          m.get("training.seconds"), v2.getTraining().getEpochs());
      assertEquals("v2", java.lang.management.ManagementFactory.getPlatformMBeanServer()
          .getAttribute(TrainerMetrics.objectName("acp-trainer-it"), "ChampionVersion"), "JMX");
      assertTrue(m.get(TrainingRun.HOLDOUT_ACCURACY) >= v1Acc + 0.05,
          "v2 " + m.get(TrainingRun.HOLDOUT_ACCURACY) + " beats v1 " + v1Acc);
      assertEquals(v1Acc, m.get(TrainingRun.CHAMPION_HOLDOUT_ACCURACY), 1e-9,
          "the champion was scored on the same holdout it was published with");
      // Music labels and features were sent before the restart only: they came from the changelogs.
      assertEquals(trainingTracks * SyntheticMedia.SEGMENTS_PER_TRACK, m.get("train.music_segments"));
      assertEquals(trainImages.size(), m.get("train.images"));

      // As many new, correctly labelled images: the challenger is no better than v2 by the margin.
      List<ProducerRecord<String, ImageFeatures>> moreFeatures = new ArrayList<>();
      List<ProducerRecord<String, MediaLabel>> phaseC = new ArrayList<>();
      for (int k = next; phaseC.size() < trainImages.size(); k++) {
        for (EmotionClass c : EmotionClass.values()) {
          String id = "img-" + c.label() + "-" + k;
          if (!holdout.containsImage(id) && phaseC.size() < trainImages.size()) {
            moreFeatures.add(new ProducerRecord<>(Topics.FEATURES_IMAGE.name(), id, SyntheticMedia.image(id, c, rng)));
            phaseC.add(label(id, ItemKind.IMAGE, c));
          }
        }
      }
      kafka.send(Topics.FEATURES_IMAGE, moreFeatures);
      kafka.send(Topics.LABELS_MEDIA, phaseC);
      KafkaFixture.await("the third run", RUN_TIMEOUT, () -> trainer.status().runs() >= 2);
      TrainerStatus s = trainer.status();
      assertTrue(s.lastOutcome().startsWith("rejected"), s.lastOutcome());
      assertEquals("v2", s.championVersion());
      assertEquals(1, s.rejected());
      assertEquals(2, models(2).size(), "the rejected challenger is not published");

      List<JsonNode> runs = runLog(dir.resolve("b/work/runs.jsonl"));
      JsonNode last = runs.get(runs.size() - 1);
      assertEquals("rejected", last.get("outcome").asText());
      assertTrue(last.get("metrics").get(TrainingRun.HOLDOUT_ACCURACY).isNumber());
      assertTrue(Files.exists(dir.resolve("b/work/runs").resolve(last.get("run").asText()).resolve("training-curve.png")));
      assertEquals(KafkaStreams.State.RUNNING, trainer.streams().state());
    }
  }

  private static ProducerRecord<String, MediaLabel> label(String id, ItemKind kind, EmotionClass c) {
    return new ProducerRecord<>(Topics.LABELS_MEDIA.name(), id, SyntheticMedia.label(id, kind, c));
  }

  /**
   * The records on models.acpnet, waiting until there are at least {@code n} (a run publishes
   * before it reports its outcome, so once the status shows a run, its record is there).
   */
  private static List<ConsumerRecord<String, AcpNetModel>> models(int n) {
    List<ConsumerRecord<String, AcpNetModel>> all =
        kafka.readAll(Topics.MODELS_ACPNET, Duration.ofSeconds(30), got -> got.size() >= n);
    assertTrue(all.size() >= n, "expected " + n + " models, got " + all.size());
    return all;
  }

  private static List<JsonNode> runLog(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file)) {
      out.add(json.readTree(line));
    }
    assertNotNull(out);
    return out;
  }
}
