package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.acpnet.AcpNetTrainer;
import dev.acpstream.core.acpnet.TrainingResult;
import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.core.dataset.LabelledFeatures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The holdout scores what a model learned: on features with clear classes, a model trained on
 * the right labels scores near 1 and one trained on image labels shifted by a class scores far
 * below chance on true pairs; the same model on the same holdout always scores the same.
 */
class HoldoutEvaluationTest {

  @Test
  void separatesAModelThatLearnedTheCorrespondenceFromOneThatDidNot() {
    Properties p = new Properties();
    p.setProperty(TrainerConfig.BACKBONE, SyntheticMedia.BACKBONE);
    p.setProperty(TrainerConfig.ARCHITECTURE, "compact");
    p.setProperty(TrainerConfig.EPOCHS, "20");
    p.setProperty(TrainerConfig.PATIENCE, "8");
    p.setProperty(TrainerConfig.LEARNING_RATE, "0.003");
    p.setProperty(TrainerConfig.MUSIC_PER_BATCH, "8");
    p.setProperty(TrainerConfig.PROBES, "false");
    TrainerConfig config = TrainerConfig.from(p, Map.of());
    Random rng = new Random(11);
    List<LabelledItem> images = new ArrayList<>();
    List<LabelledItem> music = new ArrayList<>();
    for (EmotionClass c : EmotionClass.values()) {
      for (int k = 0; k < 10; k++) {
        images.add(new LabelledItem("i" + c + k, "image:i" + c + k,
            SyntheticMedia.vector(SyntheticMedia.IMAGE_DIM, c, rng), c.ordinal(), k < 2));
      }
      for (int k = 0; k < 12; k++) {
        music.add(new LabelledItem("m" + c + k, "music:m" + c + (k / 3),
            SyntheticMedia.vector(193, c, rng), c.ordinal(), k < 3));
      }
    }
    TrainingSnapshot snap = new TrainingSnapshot(images, music, List.of(), SyntheticMedia.IMAGE_DIM, 0);
    HoldoutEvaluation eval = HoldoutEvaluation.of(snap, new Holdout("s", 0.2), 1000);
    assertTrue(eval.usable());

    long t0 = System.nanoTime();
    TrainingResult right = train(config, snap.trainMusic(), snap.trainImages(), 0);
    long t1 = System.nanoTime();
    TrainingResult shifted = train(config, snap.trainMusic(), snap.trainImages(), 1);
    HoldoutEvaluation.Result good = eval.evaluate(right.artifact().model());
    HoldoutEvaluation.Result bad = eval.evaluate(shifted.artifact().model());
    System.out.printf("right %s in %.1f s (epochs %d); shifted %s%n", good, (t1 - t0) / 1e9,
        right.report().epochs().size(), bad);
    assertTrue(good.accuracy() > 0.9, "right labels: " + good);
    assertTrue(bad.truePairAccuracy() < 0.5, "shifted image labels: " + bad);
    assertTrue(good.accuracy() - bad.accuracy() > 0.3);
    assertEquals(good, eval.evaluate(right.artifact().model()), "deterministic");
    assertEquals(3 * 2 * 3 * 3, good.pairs(), "every held-out segment with every held-out image");
  }

  private static TrainingResult train(TrainerConfig config, List<LabelledItem> music,
      List<LabelledItem> images, int shift) {
    return new AcpNetTrainer(Clock.systemUTC()).train(config.network(SyntheticMedia.IMAGE_DIM),
        features(music, 0), features(images, shift), null, false, config.trainingOptions(), s -> { });
  }

  private static LabelledFeatures features(List<LabelledItem> items, int shift) {
    return new LabelledFeatures(items.stream().map(LabelledItem::id).toList(),
        items.stream().map(LabelledItem::features).toArray(float[][]::new),
        items.stream().mapToInt(i -> (i.label() + shift) % 3).toArray(), LabelledFeatures.EMOTION_CLASS_NAMES);
  }
}
