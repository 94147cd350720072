package dev.acpstream.cli;

import dev.acpstream.core.dataset.FeatureTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine;

/** A small 4Q-layout dataset with separable features, and a way to run a command and read it. */
final class Fixtures {

  private Fixtures() {}

  /** perQuadrant clips per quadrant, named Qn/Sk.mp3, with features clustered by quadrant. */
  static Map<String, float[]> fourQ(Path root, int perQuadrant, long seed) throws IOException {
    Random rng = new Random(seed);
    float[][] centres = new float[4][193];
    for (float[] c : centres) {
      for (int i = 0; i < 193; i++) {
        c[i] = (float) rng.nextGaussian() * 3f;
      }
    }
    StringBuilder csv = new StringBuilder("Song,Quadrant\n");
    Map<String, float[]> features = new LinkedHashMap<>();
    for (int q = 0; q < 4; q++) {
      Path dir = Files.createDirectories(root.resolve("Q" + (q + 1)));
      for (int k = 0; k < perQuadrant; k++) {
        String song = "S" + q + "_" + k;
        Files.writeString(dir.resolve(song + ".mp3"), "not audio: features are precomputed");
        csv.append(song).append(",Q").append(q + 1).append('\n');
        float[] v = new float[193];
        for (int i = 0; i < 193; i++) {
          v[i] = centres[q][i] + (float) rng.nextGaussian();
        }
        features.put("Q" + (q + 1) + "/" + song + ".mp3", v);
      }
    }
    Files.writeString(root.resolve("panda_dataset_taffc_annotations.csv"), csv);
    FeatureTable.write(root.resolveSibling("music-features.csv"), features);
    return features;
  }

  record Run(int exit, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
