package dev.acpstream.cli;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetConfig;
import dev.acpstream.core.acpnet.ArtifactInfo;
import dev.acpstream.core.acpnet.RandomWeights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.SegmentPlan;
import dev.acpstream.core.image.AffectDescriptor;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  private static final Path SAMPLES = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples");
  private static final String SONG = "muldjord_chaos_god.mp3";
  /** One full segment and a 10-s partial one: both segment rules, in about a minute of CPU. */
  private static final int SECONDS = 70;

  @Test
  void runsTheLiveTopologyOnASubsetOfTheSamplesAndReadsBackEveryFeature(@TempDir Path tmp) throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    Path audio = Files.createDirectories(tmp.resolve("audio"));
    for (String name : List.of("Autumn.jpg", "ColdRipple.jpg")) {
      Files.copy(SAMPLES.resolve("images").resolve(name), images.resolve(name));
    }
    Files.copy(SAMPLES.resolve("audio").resolve(SONG), audio.resolve(SONG));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = command(out, err);
    int exit = cmd.execute("demo", "--once", "--images", images.toString(), "--audio", audio.toString(),
        "--max-seconds", String.valueOf(SECONDS), "--partitions", "2", "--threads", "1", "--timeout", "240",
        "--model", untrainedModel(tmp).toString());
    assertEquals(0, exit, () -> out + "\n" + err);

    PipelineWatch.Outputs got = ((DemoCommand) cmd.getSubcommands().get("demo").getCommand()).outputs;
    assertNotNull(got);
    assertEquals(0, got.deadLetters().size(), () -> "dead letters: " + got.deadLetters());
    assertEquals(2, got.images().size());
    for (String id : List.of("image:Autumn.jpg", "image:ColdRipple.jpg")) {
      ImageFeatures f = got.images().get(id);
      assertNotNull(f, id);
      assertEquals("affect", f.getBackbone());
      assertEquals(AffectDescriptor.DIM, f.getFeatures().size());
      assertEquals(AffectDescriptor.DIM, DemoSummary.finite(f.getFeatures()), id + " has non-finite features");
      assertEquals("demo", f.getPairingKey());
    }

    List<SegmentPlan.Segment> plan = SegmentPlan.of((long) SECONDS * MusicFeatures193.SAMPLE_RATE);
    assertEquals(2, plan.size());
    Map<Integer, MusicSegmentFeatures> segments = got.segments().get("track:" + SONG);
    assertEquals(plan.size(), segments.size(), () -> "segments: " + segments.keySet());
    for (SegmentPlan.Segment expected : plan) {
      MusicSegmentFeatures s = segments.get(expected.index());
      assertNotNull(s, "segment " + expected.index());
      assertEquals(MusicFeatures193.DIM, s.getFeatures().size());
      assertEquals(MusicFeatures193.DIM, DemoSummary.finite(s.getFeatures()), "segment " + expected.index());
      assertEquals(expected.partial(), s.getPartial());
      assertEquals(expected.windowCount(), s.getWindows());
      assertEquals((double) expected.start() / MusicFeatures193.SAMPLE_RATE, s.getStartSeconds(), 1e-9);
      assertEquals((double) expected.length() / MusicFeatures193.SAMPLE_RATE, s.getDurationSeconds(), 1e-6);
    }
    // Features differ between segments and images: the summary shows real values, not a constant.
    assertFalse(segments.get(0).getFeatures().equals(segments.get(1).getFeatures()));
    assertFalse(got.images().get("image:Autumn.jpg").getFeatures()
        .equals(got.images().get("image:ColdRipple.jpg").getFeatures()));

    // Every (segment, photo) pair scored by the published model, every item ranked.
    MatchWatch.Matches matches = ((DemoCommand) cmd.getSubcommands().get("demo").getCommand()).matches;
    assertEquals(4, matches.scoresByPair().size(), () -> "pairs: " + matches.scoresByPair().keySet());
    matches.scoresByPair().values().forEach(s -> assertEquals("file-untrained.acpnet", s.getModelVersion()));
    assertEquals(4, matches.topK().size(), () -> "lists: " + matches.topK().keySet());
    assertEquals(2, matches.topK().get("track:" + SONG + ":0").getMatches().size(), "a segment ranks both photos");

    String text = out.toString();
    assertTrue(text.contains("Dead letters (errors.dead-letter): 0"), text);
    assertTrue(text.contains("Matches (scores.correspondence, matches.topk)"), text);
    assertTrue(text.contains("Trainer: 2 labels seen, 2 joined with their features"), text);
    assertTrue(text.contains("Autumn.jpg") && text.contains("pleasure"), text);
    assertTrue(text.contains("193/193"), text);
  }

  @Test
  void aCorruptImageIsDeadLetteredNamedAndFailsTheRunWithoutWaitingForTheTimeout(@TempDir Path tmp) throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    Files.copy(SAMPLES.resolve("images").resolve("Kite.jpg"), images.resolve("Kite.jpg"));
    Files.writeString(images.resolve("broken.jpg"), "no JPEG here, only text pretending to be one");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = command(out, err);
    long t0 = System.nanoTime();
    int exit = cmd.execute("demo", "--images", images.toString(),
        "--audio", Files.createDirectories(tmp.resolve("audio")).toString(),
        "--partitions", "1", "--threads", "1", "--timeout", "300", "--model", untrainedModel(tmp).toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, exit, () -> out + "\n" + err);
    assertTrue(err.toString().contains("image:broken.jpg (CORRUPT_IMAGE)"), err::toString);
    assertFalse(err.toString().contains("still missing"), err::toString);
    assertTrue(seconds < 240, "the run waited for the timeout instead of ending on the dead letter: " + seconds + " s");
    PipelineWatch.Outputs got = ((DemoCommand) cmd.getSubcommands().get("demo").getCommand()).outputs;
    assertEquals(1, got.deadLetters().size());
    assertEquals("media.images", got.deadLetters().get(0).getSourceTopic());
    assertNotNull(got.images().get("image:Kite.jpg"), "the good image still went through");
  }

  @Test
  void refusesAnEmptyMediaDirectoryWithAMessageNamingIt(@TempDir Path empty) throws Exception {
    Files.createDirectories(empty.resolve("images"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = run(out, err, "--images", empty.resolve("images").toString(), "--audio", empty.toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains("no images or songs"), err::toString);
    assertTrue(err.toString().contains(empty.resolve("images").toString()), err::toString);
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

  @Test
  void refusesASongItCannotDecodeBeforeStartingTheBroker(@TempDir Path tmp) throws Exception {
    Path audio = Files.createDirectories(tmp.resolve("audio"));
    Path junk = Files.writeString(audio.resolve("not-a-song.mp3"), "this is no MPEG audio stream at all");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = run(out, err, "--images", Files.createDirectories(tmp.resolve("images")).toString(),
        "--audio", audio.toString());
    assertEquals(2, exit, () -> out + "\n" + err);
    assertTrue(err.toString().contains(junk.toString()), err::toString);
    assertFalse(out.toString().contains("broker ready"), out::toString);
  }

  @Test
  void refusesBadOptionsNamingThem() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(2, run(out, err, "--max-seconds", "-5"));
    assertTrue(err.toString().contains("--max-seconds"), err::toString);
    assertEquals(2, run(out, err, "--pcm", "MP3"));
    assertTrue(err.toString().contains("--pcm must be PCM_S16LE or PCM_F32LE"), err::toString);
    assertEquals(2, run(out, err, "--timeout", "0"));
    assertTrue(err.toString().contains("--timeout"), err::toString);
  }

  private static CommandLine command(StringWriter out, StringWriter err) {
    CommandLine cmd = AcpCli.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd;
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    return command(out, err).execute(all);
  }

  /** A seeded untrained model: these tests are about the pipeline, not about what it learnt. */
  private static Path untrainedModel(Path dir) throws Exception {
    Path file = dir.resolve("untrained.acpnet");
    new AcpNetArtifact(RandomWeights.of(AcpNetConfig.paper("affect", 42), 3, true),
        new ArtifactInfo(java.time.Instant.now(), true, Map.of(), Map.of())).save(file);
    return file;
  }
}
