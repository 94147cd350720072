package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

  @Test
  void musicEmotionWithATestListPrintsTheIssuesJson(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("4q");
    Fixtures.fourQ(root, 12, 3);
    Path list = dir.resolve("test.txt");
    Files.write(list, List.of("Q1/S0_0.mp3", "Q1/S0_1.mp3", "Q2/S1_0.mp3", "Q2/S1_1.mp3",
        "Q3/S2_0.mp3", "Q3/S2_1.mp3", "Q4/S3_0.mp3", "Q4/S3_1.mp3"));
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "music-emotion", "--data", root.toString(),
        "--test-list", list.toString(), "--features", dir.resolve("music-features.csv").toString(), "--json",
        "--confusion-png", dir.resolve("confusion.png").toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    long tested = 0;
    long diagonal = 0;
    for (int t = 0; t < 4; t++) {
      for (int p = 0; p < 4; p++) {
        tested += j.get("confusion_4class").get(t).get(p).asLong();
        diagonal += t == p ? j.get("confusion_4class").get(t).get(p).asLong() : 0;
      }
    }
    assertEquals(8, tested, "every tested clip is in the confusion matrix");
    assertEquals(j.get("accuracy_4class").asDouble(), diagonal / 8.0, 1e-9);
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("confusion.png").toFile());
    assertTrue(png.getWidth() > 100 && png.getHeight() > 100, "a real PNG");
    assertEquals(40, j.get("n_train").asInt());
    assertEquals(8, j.get("n_test").asInt());
    assertTrue(j.get("accuracy_4class").asDouble() >= 0.75, r.out());
    assertTrue(j.get("accuracy_3class").asDouble() >= j.get("accuracy_4class").asDouble(), r.out());
    assertTrue(j.get("model").asText().startsWith("mlp 193-512-32-4"), r.out());
  }

  @Test
  void musicEmotionCrossValidatesWithoutAList(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("4q");
    Fixtures.fourQ(root, 6, 4);
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "music-emotion", "--data", root.toString(),
        "--features", dir.resolve("music-features.csv").toString(), "--folds", "2");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2-fold cross-validation"), r.out());
    assertTrue(r.err().contains("fold 2/2"), r.err());
  }

  @Test
  void aClipWithoutFeaturesIsNamed(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("4q");
    Fixtures.fourQ(root, 3, 5);
    Files.writeString(root.resolve("Q1/extra.mp3"), "x");
    Files.writeString(root.resolve("panda_dataset_taffc_annotations.csv"),
        Files.readString(root.resolve("panda_dataset_taffc_annotations.csv")) + "extra,Q1\n");
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "music-emotion", "--data", root.toString(),
        "--features", dir.resolve("music-features.csv").toString(), "--folds", "2");
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("no row for Q1/extra.mp3"), r.err());
  }
}
