package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The four STFT-based groups against librosa 0.10.1's own numbers for every reference clip in
 * ../shared/data/parity: per window and per 60-s segment, each group within the tolerance the
 * data README gives (mel rtol 1e-4 + 1e-6 x max, mfcc atol 1e-3, chroma and contrast atol 1e-2).
 */
class LibrosaParityTest {

  private final WindowFeatures features =
      new WindowFeatures(
          w -> {
            throw new AssertionError("tonnetz is not part of the spectral groups");
          });

  @TestFactory
  Stream<DynamicTest> everyReferenceClipMatchesLibrosa() throws IOException {
    Path dir = parityDir();
    if (!Files.isDirectory(dir)) {
      // A dynamic test that aborts shows up as skipped, with the reason, in the test report.
      return Stream.of(DynamicTest.dynamicTest("librosa parity references", () ->
          Assumptions.assumeTrue(false,
              "librosa parity references not found at " + dir.toAbsolutePath() + "; skipping")));
    }
    List<Path> refs;
    try (Stream<Path> s = Files.list(dir)) {
      refs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(refs.size() >= 4, "expected the 4 parity references in " + dir + ", found " + refs);
    return refs.stream()
        .map(ref -> DynamicTest.dynamicTest(ref.getFileName().toString(), () -> checkClip(ref)));
  }

  private void checkClip(Path refFile) throws IOException {
    JsonNode ref = new ObjectMapper().readTree(refFile.toFile());
    assertEquals("0.10.1", ref.get("librosa_version").asText(), "reference librosa version");
    float[] y = AudioInput.load(refFile.resolveSibling(ref.get("clip").asText()), DecodeLimits.DEFAULT);
    assertEquals(ref.get("n_samples").asInt(), y.length, "sample count of " + ref.get("clip"));
    Worst worst = new Worst(refFile.getFileName().toString());
    for (JsonNode segment : ref.get("segments")) {
      JsonNode windows = segment.get("windows");
      double[] segmentSum = new double[WindowFeatures.SPECTRAL_DIM];
      for (int w = 0; w < windows.size(); w++) {
        int from = windows.get(w).get(0).asInt();
        int to = windows.get(w).get(1).asInt();
        float[] out = new float[MusicFeatures193.DIM];
        features.spectral(java.util.Arrays.copyOfRange(y, from, to), out);
        double[] got = new double[WindowFeatures.SPECTRAL_DIM];
        for (int i = 0; i < got.length; i++) {
          got[i] = out[i];
          segmentSum[i] += out[i];
        }
        worst.check("window " + w + " [" + from + "," + to + ")", got,
            segment.get("per_window_vectors").get(w));
      }
      double[] mean = new double[segmentSum.length];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = segmentSum[i] / windows.size();
      }
      worst.check("segment", mean, segment.get("vector"));
    }
    System.out.println(worst.summary());
    worst.assertWithinTolerance();
  }

  static Path parityDir() {
    String shared = System.getProperty("acp.shared.dir", "../shared");
    return Path.of(shared, "data", "parity");
  }

  /** Worst error per group, as a fraction of its tolerance, and where it happened. */
  private static final class Worst {
    private final String clip;
    private final double[] ratio = new double[4];
    private final double[] error = new double[4];
    private final String[] where = new String[4];
    private final List<String> failures = new ArrayList<>();

    Worst(String clip) {
      this.clip = clip;
    }

    void check(String place, double[] got, JsonNode expected) {
      MusicFeatures193.Group[] groups = {
        MusicFeatures193.MFCC, MusicFeatures193.CHROMA, MusicFeatures193.MEL, MusicFeatures193.CONTRAST
      };
      for (int g = 0; g < groups.length; g++) {
        MusicFeatures193.Group group = groups[g];
        double melMax = 0;
        for (int i = group.from(); i < group.to(); i++) {
          melMax = Math.max(melMax, Math.abs(expected.get(i).asDouble()));
        }
        for (int i = group.from(); i < group.to(); i++) {
          double e = expected.get(i).asDouble();
          double err = Math.abs(got[i] - e);
          double tol =
              switch (group.name()) {
                case "mfcc" -> 1e-3;
                case "mel" -> 1e-4 * Math.abs(e) + 1e-6 * melMax;
                default -> 1e-2;
              };
          double r = err / tol;
          if (!(r <= ratio[g])) {
            ratio[g] = r;
            error[g] = group.name().equals("mel") ? err / Math.max(Math.abs(e), 1e-30) : err;
            where[g] = place + " index " + i;
          }
          if (!(err <= tol)) {
            failures.add(String.format(Locale.ROOT, "%s %s %s[%d]: got %.7g, librosa %.7g, tol %.3g",
                clip, place, group.name(), i - group.from(), got[i], e, tol));
          }
        }
      }
    }

    String summary() {
      StringBuilder s = new StringBuilder("parity " + clip + ":");
      String[] names = {"mfcc abs", "chroma abs", "mel rel", "contrast abs"};
      for (int g = 0; g < 4; g++) {
        s.append(String.format(Locale.ROOT, " %s %.3g (%.2f of tol, %s);", names[g], error[g],
            ratio[g], where[g]));
      }
      return s.toString();
    }

    void assertWithinTolerance() {
      assertTrue(failures.isEmpty(), () -> failures.size() + " values out of tolerance, first: "
          + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }
  }
}
