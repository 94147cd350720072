package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code acp features image} run in-process on the committed sample photos. */
class FeaturesImageCommandTest {

  private static final Path PROJECT = Path.of(System.getProperty("acp.project.dir", "..")).toAbsolutePath().normalize();
  private static final Path IMAGES = PROJECT.resolve("samples/images");

  private record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new FeaturesImageCommand()).setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void jsonLinePerFileWithTheAffectBackboneByDefault() throws Exception {
    Path kite = IMAGES.resolve("Kite.jpg");
    Path path = IMAGES.resolve("Path.jpg");
    Run run = run("--json", kite.toString(), path.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(2, run.lines().size());
    JsonNode first = new ObjectMapper().readTree(run.lines().get(0));
    assertEquals(kite.toString(), first.get("file").asText());
    assertEquals("affect", first.get("backbone").asText());
    assertEquals(42, first.get("dim").asInt());
    assertEquals(42, first.get("features").size());
    assertEquals(path.toString(), new ObjectMapper().readTree(run.lines().get(1)).get("file").asText());
  }

  @Test
  void aBadFileIsNamedExitIsNonZeroAndItPrintsNoLine(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.jpg");
    byte[] full = Files.readAllBytes(IMAGES.resolve("Autumn.jpg"));
    Files.write(broken, Arrays.copyOf(full, full.length / 3));
    Path text = Files.writeString(dir.resolve("readme.png"), "hello");
    Run run = run("--json", IMAGES.resolve("Kite.jpg").toString(), broken.toString(), text.toString(),
        IMAGES.resolve("Grey.jpg").toString());
    assertEquals(1, run.exit());
    assertEquals(2, run.lines().size(), run.out());
    assertFalse(run.out().contains("broken.jpg") || run.out().contains("readme.png"));
    assertTrue(run.err().contains(broken + ": JPEG is damaged or truncated"), run.err());
    assertTrue(run.err().contains(text + ": not a JPEG, PNG, GIF, BMP or WebP image"), run.err());
  }

  @Test
  void unknownBackboneIsAUsageError() {
    Run run = run("--backbone", "resnet", IMAGES.resolve("Kite.jpg").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("unknown backbone 'resnet'"), run.err());
    assertTrue(run.out().isEmpty());
  }

  @Test
  void missingSavedModelIsNamed(@TempDir Path dir) {
    Run run = run("--backbone", "tf:" + dir.resolve("nowhere"), IMAGES.resolve("Kite.jpg").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("nowhere") && run.err().contains("saved_model.pb"), run.err());
  }

  @Test
  void plainOutputIsOneLinePerFile() {
    Run run = run(IMAGES.resolve("Kite.jpg").toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith(IMAGES.resolve("Kite.jpg") + "\taffect\tdim=42\t"), run.out());
  }

  @Test
  void tensorFlowBackboneGives2048Features(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model");
    buildFixtureModel(model);
    Run run = run("--json", "--backbone", "tf:" + model, "--batch", "2", IMAGES.resolve("Kite.jpg").toString(),
        IMAGES.resolve("Path.jpg").toString(), IMAGES.resolve("Elarun.jpg").toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(3, run.lines().size());
    for (String line : run.lines()) {
      JsonNode node = new ObjectMapper().readTree(line);
      assertEquals("tf:" + model, node.get("backbone").asText());
      assertEquals(2048, node.get("dim").asInt());
      assertEquals(2048, node.get("features").size());
    }
  }

  /** tools/savedmodel-fixture, in its own JVM (TF Java clashes with DJL's copy on this classpath). */
  private static void buildFixtureModel(Path dir) throws Exception {
    Path target = Path.of(System.getProperty("acp.savedmodel.fixture.dir",
        PROJECT.resolve("tools/savedmodel-fixture/target").toString()));
    String cp = target.resolve("classes") + java.io.File.pathSeparator
        + Files.readString(target.resolve("fixture-classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, "dev.acpstream.tools.savedmodel.SavedModelFixture", "build", dir.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, output);
  }
}
