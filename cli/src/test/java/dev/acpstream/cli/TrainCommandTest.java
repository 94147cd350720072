package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.dataset.FeatureTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @Test
  void trainsAndWritesModelReportAndCurve(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("4q");
    Fixtures.fourQ(root, 8, 6);
    Path imgFeatures = dir.resolve("image-features.csv");
    Path labels = dir.resolve("image-labels.csv");
    writeImages(imgFeatures, labels, 24);
    Path model = dir.resolve("out/model.acpnet");
    Files.createDirectories(model.getParent());
    Fixtures.Run r = Fixtures.run(new TrainCommand(), "--music-data", root.toString(),
        "--music-features", dir.resolve("music-features.csv").toString(),
        "--image-features", imgFeatures.toString(), "--image-labels", labels.toString(),
        "--weak-image-labels", "--backbone", "test", "--epochs", "2", "--out", model.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("epoch   2"), r.err());
    assertTrue(r.err().contains("WEAK"), r.err());
    AcpNetArtifact a = AcpNetArtifact.load(model);
    assertTrue(a.info().weaklyLabelledImages());
    assertEquals(16, a.weights().config().imageDim());
    assertEquals("test", a.weights().config().backboneId());
    JsonNode report = new ObjectMapper().readTree(model.resolveSibling("training-report.json").toFile());
    assertEquals(2, report.get("epochs").size());
    assertTrue(report.get("weakly_labelled_images").asBoolean());
    assertNotNull(ImageIO.read(model.resolveSibling("training-curve.png").toFile()));
  }

  @Test
  void anUnlabelledImageFeatureIsNamed(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("4q");
    Fixtures.fourQ(root, 3, 7);
    Path imgFeatures = dir.resolve("image-features.csv");
    Path labels = dir.resolve("image-labels.csv");
    writeImages(imgFeatures, labels, 6);
    Files.writeString(labels, Files.readString(labels) + "img/missing.jpg,positive\n");
    Fixtures.Run r = Fixtures.run(new TrainCommand(), "--music-data", root.toString(),
        "--music-features", dir.resolve("music-features.csv").toString(),
        "--image-features", imgFeatures.toString(), "--image-labels", labels.toString(),
        "--epochs", "1", "--out", dir.resolve("m.acpnet").toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("no row for img/missing.jpg"), r.err());
  }

  private static void writeImages(Path features, Path labels, int n) throws Exception {
    Random rng = new Random(9);
    Map<String, float[]> rows = new LinkedHashMap<>();
    StringBuilder l = new StringBuilder();
    String[] classes = {"negative", "neutral", "positive"};
    for (int i = 0; i < n; i++) {
      float[] v = new float[16];
      for (int k = 0; k < 16; k++) {
        v[k] = (float) rng.nextGaussian() + (k == i % 3 ? 4f : 0f);
      }
      rows.put("img/" + i + ".jpg", v);
      l.append("img/").append(i).append(".jpg,").append(classes[i % 3]).append('\n');
    }
    FeatureTable.write(features, rows);
    Files.writeString(labels, l);
  }
}
