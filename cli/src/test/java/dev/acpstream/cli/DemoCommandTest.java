package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  private static final Path SAMPLES = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples");

  @Test
  void sendsEverySampleThroughTheEmbeddedBrokerAndGetsItBackIntact() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = run(out, err, "--once", "--images", SAMPLES.resolve("images").toString(),
        "--audio", SAMPLES.resolve("audio").toString(), "--chunk-kib", "32");
    assertEquals(0, exit, () -> out + "\n" + err);
    long images = SampleMedia.images(SAMPLES.resolve("images")).size();
    long tracks = SampleMedia.audio(SAMPLES.resolve("audio")).size();
    assertTrue(images >= 10 && tracks >= 4, "the bundled samples are missing from " + SAMPLES);
    assertTrue(out.toString().contains((images + tracks) + " of " + (images + tracks) + " items came back intact"),
        out::toString);
  }

  @Test
  void refusesAnEmptyMediaDirectoryWithAMessageNamingIt(@TempDir Path empty) throws Exception {
    Files.createDirectories(empty.resolve("images"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = run(out, err, "--images", empty.resolve("images").toString(), "--audio", empty.toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains("no images or songs"), err::toString);
  }

  @Test
  void refusesAMissingDirectory(@TempDir Path tmp) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path missing = tmp.resolve("nope");
    int exit = run(out, err, "--images", missing.toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains(missing.toString()), err::toString);
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cmd = AcpCli.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    return cmd.execute(all);
  }
}
