package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrespondenceCommandTest {

  /** perQuadrant 1.5-s WAV clips per quadrant, a tone whose pitch depends on the quadrant. */
  static void fourQAudio(Path root, int perQuadrant) throws IOException {
    StringBuilder csv = new StringBuilder("Song,Quadrant\n");
    Random rng = new Random(3);
    for (int q = 0; q < 4; q++) {
      Path dir = Files.createDirectories(root.resolve("Q" + (q + 1)));
      for (int k = 0; k < perQuadrant; k++) {
        String song = "S" + q + "_" + k;
        double hz = 220 * Math.pow(2, q) * (1 + 0.02 * k);
        Files.write(dir.resolve(song + ".wav"), wav(hz, 1.5, rng));
        csv.append(song).append(",Q").append(q + 1).append('\n');
      }
    }
    Files.writeString(root.resolve("panda_dataset_taffc_annotations.csv"), csv);
  }

  static byte[] wav(double hz, double seconds, Random rng) {
    int sr = 22050;
    int n = (int) (sr * seconds);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sr).putInt(2 * sr)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      double v = 0.4 * Math.sin(2 * Math.PI * hz * i / sr) + 0.02 * rng.nextGaussian();
      b.putShort((short) Math.round(v * 32767));
    }
    return b.array();
  }

  /** A 24x24 PNG: bright and saturated, or dark and grey, with some noise. */
  static byte[] png(boolean bright, Random rng) throws IOException {
    BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 24; x++) {
        int j = rng.nextInt(30);
        int rgb = bright ? ((225 + j / 2) << 16) | ((180 + j) << 8) | 20 : ((30 + j) << 16) | ((30 + j) << 8) | (35 + j);
        img.setRGB(x, y, rgb);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static JsonNode json(String out) throws IOException {
    return new ObjectMapper().readTree(out);
  }

  @Test
  void unlabelledImagesAreWeaklyLabelledAndEveryOutputSaysSo(@TempDir Path dir) throws Exception {
    Path music = dir.resolve("4q");
    fourQAudio(music, 5);
    Path images = Files.createDirectories(dir.resolve("photos"));
    Random rng = new Random(1);
    for (int i = 0; i < 12; i++) {
      Files.write(images.resolve("p" + i + ".png"), png(i % 2 == 0, rng));
    }
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.toString(), "--epochs", "1", "--json",
        "--spectrogram-features", dir.resolve("spec.csv").toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode j = json(r.out());
    assertEquals("weak (Valdez-Mehrabian rule)", j.get("image_labels").asText());
    assertEquals(20, j.get("n_music").asInt());
    assertEquals(12, j.get("n_images").asInt());
    JsonNode models = j.get("models");
    assertEquals(3, models.size());
    List<String> names = List.of("ACP-Net", "Spectrogram-ACP", "L3-Net");
    for (int i = 0; i < 3; i++) {
      JsonNode m = models.get(i);
      assertEquals(names.get(i), m.get("model").asText());
      assertEquals("weak (Valdez-Mehrabian rule)", m.get("image_labels").asText());
      double acc = m.get("correspondence_test_accuracy").asDouble();
      assertTrue(acc >= 0 && acc <= 1, m.toString());
    }
    assertTrue(models.get(2).get("music_input").asText().contains("window 100.0 ms, hop 25.0 ms"), r.out());
    assertTrue(models.get(2).get("image_input").asText().contains("raw-rgb-64"), r.out());
    assertTrue(r.err().contains("L3-Net epoch"), r.err());
    assertTrue(Files.exists(dir.resolve("spec.csv")));

    // the text report says it too, and reuses the saved spectrograms
    Fixtures.Run text = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.toString(), "--epochs", "1",
        "--spectrogram-features", dir.resolve("spec.csv").toString());
    assertEquals(0, text.exit(), text.err());
    assertTrue(text.out().contains("image labels: weak (Valdez-Mehrabian rule)"), text.out());
    assertTrue(text.out().contains("not image-emotion accuracies"), text.out());
    assertTrue(!text.err().contains("computing log-mel"), text.err());
    for (String n : names) {
      assertTrue(text.out().contains(n), text.out());
    }
  }

  @Test
  void emotionFoldersGiveRealLabels(@TempDir Path dir) throws Exception {
    Path music = dir.resolve("4q");
    fourQAudio(music, 5);
    Path images = dir.resolve("emotions");
    Random rng = new Random(2);
    for (String folder : List.of("amusement", "anger", "neutral")) {
      Path f = Files.createDirectories(images.resolve(folder));
      for (int i = 0; i < 5; i++) {
        Files.write(f.resolve(folder + i + ".png"), png(folder.equals("amusement"), rng));
      }
    }
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.toString(), "--epochs", "1", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = json(r.out());
    assertTrue(j.get("image_labels").asText().startsWith("real"), r.out());
    assertEquals(15, j.get("n_images").asInt());
    assertEquals(3, j.get("models").size());
    assertTrue(!r.out().contains("Valdez"), r.out());
  }

  @Test
  void anEmptyImageDirectoryIsNamed(@TempDir Path dir) throws Exception {
    Path music = dir.resolve("4q");
    fourQAudio(music, 1);
    Path images = Files.createDirectories(dir.resolve("nothing-here"));
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("image directory " + images + " holds no images"), r.err());
  }

  @Test
  void aMusicDirectoryWithoutThe4QLayoutIsNamed(@TempDir Path dir) throws Exception {
    Path music = Files.createDirectories(dir.resolve("not-4q"));
    Path images = Files.createDirectories(dir.resolve("photos"));
    Files.write(images.resolve("a.png"), png(true, new Random(1)));
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains(music + " is not a 4Q dataset"), r.err());
  }

  @Test
  void aFolderThatIsNoEmotionIsNamed(@TempDir Path dir) throws Exception {
    Path music = dir.resolve("4q");
    fourQAudio(music, 1);
    Path images = Files.createDirectories(dir.resolve("imgs").resolve("holidays"));
    Files.write(images.resolve("a.png"), png(true, new Random(1)));
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.getParent().toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("its folders [holidays] are not image emotions"), r.err());

    // beside emotion folders, every folder must be an emotion
    Files.createDirectories(images.resolveSibling("awe"));
    Files.write(images.resolveSibling("awe").resolve("b.png"), png(true, new Random(2)));
    r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.getParent().toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("'holidays' is not an image emotion"), r.err());
  }

  @Test
  void aSpectrogramTableOfAnotherGridIsNamedNotMisread(@TempDir Path dir) throws Exception {
    Path music = dir.resolve("4q");
    fourQAudio(music, 1);
    Path images = Files.createDirectories(dir.resolve("photos"));
    for (int i = 0; i < 3; i++) {
      Files.write(images.resolve("p" + i + ".png"), png(i % 2 == 0, new Random(i)));
    }
    // as saved before L3-Net's grid grew: 256 + 256 values per clip
    java.util.Map<String, float[]> stale = new java.util.LinkedHashMap<>();
    for (dev.acpstream.core.dataset.FourQClip c : dev.acpstream.core.dataset.FourQDataset.load(music).clips()) {
      stale.put(c.relativePath(), new float[512]);
    }
    Path table = dir.resolve("old-spec.csv");
    dev.acpstream.core.dataset.FeatureTable.write(table, stale);
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", images.toString(), "--epochs", "1", "--spectrogram-features", table.toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("spectrogram features " + table + " have 512 values per clip, expected 4352"),
        r.err());
  }

  @Test
  void aMissingImageDirectoryIsNamed(@TempDir Path dir) throws Exception {
    Path music = dir.resolve("4q");
    fourQAudio(music, 1);
    Fixtures.Run r = Fixtures.run(new EvaluateCommand(), "correspondence", "--music", music.toString(),
        "--images", dir.resolve("absent").toString());
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("image directory " + dir.resolve("absent") + " does not exist"), r.err());
  }
}
