package dev.acpstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acpstream.core.audio.WindowFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code acp features audio} in-process on real files. */
class FeaturesAudioCommandTest {

  private static final int SR = 22050;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private static Run run(Supplier<WindowFeatureExtractor> extractor, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new FeaturesAudioCommand(extractor));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * A cheap extractor for testing the command's segmenting and output (NOT the paper's feature):
   * the mean square of 193 consecutive sub-blocks of the window.
   */
  private static WindowFeatureExtractor levels() {
    return w -> {
      float[] v = new float[193];
      for (int p = 0; p < 193; p++) {
        int from = (int) ((long) w.length * p / 193);
        int to = (int) ((long) w.length * (p + 1) / 193);
        double s = 0;
        for (int i = from; i < to; i++) {
          s += (double) w[i] * w[i];
        }
        v[p] = (float) (to > from ? s / (to - from) : 0);
      }
      return v;
    };
  }

  private static short[] chord(int n) {
    short[] s = new short[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) {
      double t = (double) i / SR;
      double v = 0.2 * Math.sin(2 * Math.PI * 261.63 * t) + 0.2 * Math.sin(2 * Math.PI * 329.63 * t)
          + 0.2 * Math.sin(2 * Math.PI * 392.0 * t) + 0.01 * r.nextGaussian();
      s[i] = (short) Math.round(v * 32767);
    }
    return s;
  }

  private Path wav(String name, short[] samples) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SR).putInt(2 * SR)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * samples.length);
    for (short v : samples) {
      b.putShort(v);
    }
    return Files.write(dir.resolve(name), b.array());
  }

  /** The real 193-d extractor on a 6-s clip: one segment of one window, equal to the library's numbers. */
  @Test
  void jsonLineWithThePapersFeature() throws IOException {
    short[] pcm = chord(6 * SR);
    Path f = wav("chord.wav", pcm);
    Run r = run(WindowFeatureExtractors::paper193, "--json", "--threads", "1", f.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.lines().size());
    JsonNode line = JSON.readTree(r.lines().get(0));
    assertEquals(List.of("file", "segment", "start_s", "duration_s", "windows", "partial", "features"),
        iterable(line.fieldNames()));
    assertEquals(f.toString(), line.get("file").asText());
    assertEquals(0, line.get("segment").asInt());
    assertEquals(0.0, line.get("start_s").asDouble());
    assertEquals(6.0, line.get("duration_s").asDouble());
    assertEquals(1, line.get("windows").asInt());
    assertFalse(line.get("partial").asBoolean());
    float[] samples = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      samples[i] = pcm[i] / 32768f;
    }
    float[] expected = WindowFeatureExtractors.paper193().extract(samples);
    JsonNode features = line.get("features");
    assertEquals(193, features.size());
    for (int i = 0; i < 193; i++) {
      assertEquals(expected[i], (float) features.get(i).asDouble(), "feature " + i);
    }
  }

  @Test
  void oneLinePerSegmentWithAPartialTail() throws IOException {
    Path f = wav("long.wav", chord(100 * SR));
    Run r = run(FeaturesAudioCommandTest::levels, "--json", f.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.lines().size());
    JsonNode tail = JSON.readTree(r.lines().get(1));
    assertEquals(1, tail.get("segment").asInt());
    assertEquals(60.0, tail.get("start_s").asDouble());
    assertEquals(40.0, tail.get("duration_s").asDouble());
    assertEquals(7, tail.get("windows").asInt());
    assertTrue(tail.get("partial").asBoolean());
    assertEquals("", r.err(), "no progress output when stderr is not a terminal");
  }

  /** A sample song (130-s MP3): two full segments and a 10-s partial one. */
  @Test
  void sampleSongMp3() {
    Path song = Path.of(System.getProperty("acp.project.dir", ".."), "samples", "audio", "muldjord_chaos_god.mp3");
    Run r = run(FeaturesAudioCommandTest::levels, "--json", song.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(3, r.lines().size());
    assertTrue(r.lines().get(2).contains("\"partial\":true"));
  }

  @Test
  void failedFileNamedAndLeavesNoOutputWhileOthersRun() throws IOException {
    Path good = wav("good.wav", chord(12 * SR));
    byte[] junk = new byte[50_000];
    new Random(3).nextBytes(junk);
    Path bad = Files.write(dir.resolve("bad.mp3"), junk);
    Path cut = Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(Files.readAllBytes(good), 100_000));
    Run r = run(FeaturesAudioCommandTest::levels, "--json", bad.toString(), good.toString(), cut.toString());
    assertEquals(1, r.exit());
    assertEquals(1, r.lines().size(), "only the good file's segment");
    assertTrue(r.lines().get(0).contains("good.wav"));
    assertFalse(r.out().contains("bad.mp3") || r.out().contains("cut.wav"));
    assertTrue(r.err().contains("acp features audio: " + bad + ": not a recognised audio file"), r.err());
    assertTrue(r.err().contains(cut + ": truncated WAV"), r.err());
  }

  @Test
  void missingFileAndBadOption() {
    Run r = run(FeaturesAudioCommandTest::levels, dir.resolve("none.flac").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("none.flac: no such file"), r.err());
    assertEquals("", r.out());
    assertEquals(2, run(FeaturesAudioCommandTest::levels, "--max-duration", "-1", "x.wav").exit());
  }

  @Test
  void textOutputHasAHeaderAndTabSeparatedNumbers() throws IOException {
    Path f = wav("t.wav", chord(11 * SR));
    Run r = run(FeaturesAudioCommandTest::levels, f.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.lines().size());
    assertTrue(r.lines().get(0).startsWith("file\tsegment\tstart_s\tduration_s\twindows\tpartial\tf0\t"));
    String[] cells = r.lines().get(1).split("\t");
    assertEquals(6 + 193, cells.length);
    assertEquals("11.0", cells[3]);
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }
}
