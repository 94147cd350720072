package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.AcpNetWeights;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.DenseLayer;
import dev.acpstream.core.acpnet.Mlp;
import dev.acpstream.core.acpnet.Standardizer;
import dev.acpstream.schemas.avro.AcpNetModel;
import dev.acpstream.schemas.avro.TrainingSummary;
import dev.acpstream.topology.model.ModelRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the trainer remembers from models.acpnet at start, on a real broker: nothing on an empty
 * topic; a paper-size (about 16 MB, inline) champion is published, read back and scorable; the
 * highest version counts whoever published it; a champion whose artifact cannot be loaded is
 * remembered without a scorer.
 */
class ModelsTopicIntegrationTest {

  @TempDir Path dir;

  @Test
  void readsTheChampionAndTheHighestVersion() {
    try (KafkaFixture kafka = new KafkaFixture();
        ModelsTopic models = new ModelsTopic(TrainerConfig.from(kafka.trainerProps("acp-trainer-models", dir), Map.of()))) {
      ModelsTopic.History empty = models.read(Duration.ofSeconds(60));
      assertNull(empty.champion());
      assertEquals(0, empty.highestVersion());

      AcpNetArtifact paper = new AcpNetArtifact(random(AcpNetConfig.paper("affect", 64), 5),
          new ArtifactInfo(Instant.now(), false, Map.of(), Map.of()));
      byte[] bytes = paper.toBytes();
      assertTrue(bytes.length > 8 << 20, "paper-size artifact: " + bytes.length + " bytes");
      models.publish(ModelRecords.inline(ModelRecords.CHAMPION, "v7", bytes,
          Map.of(TrainingRun.HOLDOUT_ACCURACY, 0.8, TrainingRun.LABELS_READY, 42.0), summary()));
      models.publish(ModelRecords.inline(ModelRecords.CHALLENGER, "v9", bytes, Map.of(), summary()));
      ModelsTopic.History h = models.read(Duration.ofSeconds(60));
      assertEquals("v7", h.champion().version());
      assertNotNull(h.champion().scorer(), "the champion loads and can be scored");
      assertEquals(64, h.champion().scorer().config().imageDim());
      assertEquals(42, h.champion().readyLabels());
      assertEquals(9, h.highestVersion(), "a version another publisher used is not reused");

      AcpNetModel broken = AcpNetModel.newBuilder(ModelRecords.inline(ModelRecords.CHAMPION, "v10",
          new byte[] {'P', 'K', 0, 0}, Map.of(), summary())).build();
      models.publish(broken);
      ModelsTopic.History after = models.read(Duration.ofSeconds(60));
      assertEquals("v10", after.champion().version());
      assertNull(after.champion().scorer(), "an unloadable champion is replaced by the next scorable challenger");
      assertEquals(10, after.highestVersion());
    }
  }

  private static TrainingSummary summary() {
    return TrainingSummary.newBuilder().setDatasets(List.of("test")).setTrainPairs(0)
        .setValidationPairs(0).setEpochs(0).setSeed(1).setDurationMillis(0).setEngine("none").build();
  }

  private static AcpNetWeights random(AcpNetConfig c, long seed) {
    Random rng = new Random(seed);
    return new AcpNetWeights(c, norm(c.imageDim()), norm(c.musicDim()),
        mlp(c.imageDim(), c.imageLayers(), true, rng), mlp(c.musicDim(), c.musicLayers(), true, rng),
        mlp(2 * c.embeddingDim(), c.fusionLayers(), false, rng), null, null);
  }

  private static Standardizer norm(int d) {
    float[] std = new float[d];
    java.util.Arrays.fill(std, 1f);
    return new Standardizer(new float[d], std);
  }

  private static Mlp mlp(int in, int[] widths, boolean reluOut, Random rng) {
    List<DenseLayer> layers = new ArrayList<>();
    int prev = in;
    for (int w : widths) {
      float[] weight = new float[w * prev];
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (float) (rng.nextGaussian() * Math.sqrt(2.0 / prev));
      }
      layers.add(new DenseLayer(prev, w, weight, new float[w]));
      prev = w;
    }
    return new Mlp(layers, reluOut);
  }
}
