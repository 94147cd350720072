package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Per-window tonnetz against librosa 0.10.1's reference vectors in shared/data/parity: every clip,
 * every 10-s window, all 6 values within the recipe's atol of 2e-3. Runs through {@link
 * WindowFeatures}, as the product does, so the tonnetz reuses the window's STFT.
 */
class TonnetzParityTest {

  private static final double ATOL = 2e-3;

  private final WindowFeatures features = new WindowFeatures(new Tonnetz());

  @Test
  void everyWindowOfEveryParityClipMatchesLibrosa() throws IOException {
    Path dir = parityDir();
    List<Path> jsons;
    try (Stream<Path> files = Files.list(dir)) {
      jsons = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(jsons.isEmpty(), "no parity JSON in " + dir);
    ObjectMapper json = new ObjectMapper();
    double worst = 0;
    int windows = 0;
    for (Path file : jsons) {
      JsonNode root = json.readTree(file.toFile());
      float[] clip = AudioInput.load(dir.resolve(root.get("clip").asText()), DecodeLimits.DEFAULT);
      assertEquals(root.get("n_samples").asInt(), clip.length, file + ": sample count");
      for (JsonNode segment : root.get("segments")) {
        JsonNode bounds = segment.get("windows");
        for (int w = 0; w < bounds.size(); w++) {
          int from = bounds.get(w).get(0).asInt();
          int to = bounds.get(w).get(1).asInt();
          float[] vector = features.extract(Arrays.copyOfRange(clip, from, to));
          float[] got =
              Arrays.copyOfRange(
                  vector, MusicFeatures193.TONNETZ.from(), MusicFeatures193.TONNETZ.to());
          JsonNode expected = segment.get("per_window_vectors").get(w);
          for (int p = 0; p < Tonnetz.DIM; p++) {
            double want = expected.get(MusicFeatures193.TONNETZ.from() + p).asDouble();
            double err = Math.abs(got[p] - want);
            worst = Math.max(worst, err);
            assertEquals(
                want, got[p], ATOL, file.getFileName() + " window " + w + " tonnetz[" + p + "]");
          }
          windows++;
        }
      }
    }
    assertTrue(windows >= 30, "expected the 34 parity windows, compared " + windows);
    System.out.printf("tonnetz parity: %d windows, worst abs error %.3g%n", windows, worst);
  }

  static Path parityDir() {
    String shared = System.getProperty("acp.shared.dir", "../shared");
    Path dir = Paths.get(shared, "data", "parity");
    assumeTrue(
        Files.isDirectory(dir),
        "skipping librosa parity: " + dir.toAbsolutePath() + " is absent (shared data not mounted)");
    return dir;
  }
}
