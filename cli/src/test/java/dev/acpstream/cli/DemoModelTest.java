package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's first model: trained on a 4Q subset + the sample photos, then reused from the cache. */
class DemoModelTest {

  private static final Path PROJECT = Path.of(System.getProperty("acp.project.dir", ".."));
  private static final Path FOUR_Q = Path.of(System.getProperty("acp.shared.dir", "../../shared")).resolve("data/4q");

  @Test
  void trainsOnceOnA4qSubsetAndThePhotosThenReusesTheCachedModel(@TempDir Path cache) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(FOUR_Q.resolve("Q1")),
        "4Q dataset not found at " + FOUR_Q + ": the demo's training path cannot be exercised here");
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    DemoModel.Obtained first = DemoModel.obtain(null, FOUR_Q, 3, PROJECT.resolve("samples/images"), cache, out);
    assertEquals("demo-4q3", first.version());
    assertEquals(42, first.artifact().weights().config().imageDim());
    assertTrue(first.artifact().info().weaklyLabelledImages(), "photo labels are rule-assigned and say so");
    assertTrue(text.toString().contains("training ACP-Net"), text::toString);
    assertTrue(Files.isRegularFile(cache.resolve("demo-4q3-features.csv")));

    DemoModel.Obtained again = DemoModel.obtain(null, FOUR_Q, 3, PROJECT.resolve("samples/images"), cache, out);
    assertTrue(again.description().contains("earlier demo run"), again::description);
    assertEquals(first.artifact().weights().config(), again.artifact().weights().config());
  }

  @Test
  void withoutTrainingDataTheDemoSaysItsModelIsUntrained(@TempDir Path cache) throws Exception {
    StringWriter text = new StringWriter();
    DemoModel.Obtained m = DemoModel.obtain(null, cache.resolve("no-4q-here"), 3,
        PROJECT.resolve("samples/images"), cache, new PrintWriter(text, true));
    assertTrue(m.version().startsWith("untrained"));
    assertTrue(text.toString().contains("UNTRAINED"), text::toString);
  }
}
