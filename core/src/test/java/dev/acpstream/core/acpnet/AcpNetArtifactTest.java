package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcpNetArtifactTest {

  static final AcpNetConfig CONFIG = new AcpNetConfig("affect", 20, 193, new int[] {48, 32},
      new int[] {40, 40, 32, 32}, new int[] {24, 12, 6, 2}, 0.4f);

  static AcpNetArtifact artifact() {
    return new AcpNetArtifact(RandomWeights.of(CONFIG, 42, true), new ArtifactInfo(
        Instant.parse("2026-02-03T04:05:06Z"), true,
        Map.of("music_items", 900, "source", "4q"), Map.of("correspondence_test_accuracy", 0.61)));
  }

  /** Scores of fixed seeded pairs: the same in any process holding the same weights. */
  static float[] scores(AcpNetModel model) {
    List<ItemEmbedding> img = model.embedImages(RandomWeights.features(5, model.config().imageDim(), 1));
    List<ItemEmbedding> mus = model.embedMusics(RandomWeights.features(5, model.config().musicDim(), 2));
    return model.scorePairs(img, mus);
  }

  @Test
  void bytesRoundTripToEqualWeightsInfoAndScores() {
    AcpNetArtifact a = artifact();
    AcpNetArtifact b = AcpNetArtifact.fromBytes(a.toBytes());
    assertEquals(a.weights().config(), b.weights().config());
    assertEquals(a.weights().imageNorm(), b.weights().imageNorm());
    assertEquals(a.weights().musicNorm(), b.weights().musicNorm());
    assertEquals(a.weights().fusion().layers(), b.weights().fusion().layers());
    assertEquals(a.weights().music().layers(), b.weights().music().layers());
    assertEquals(a.weights().musicProbe().classes(), b.weights().musicProbe().classes());
    assertEquals(a.weights().imageProbe().mlp().layers(), b.weights().imageProbe().mlp().layers());
    assertEquals(a.info().createdAt(), b.info().createdAt());
    assertEquals(900, ((Number) b.info().trainingData().get("music_items")).intValue());
    assertTrue(b.info().weaklyLabelledImages());
    assertArrayEquals(scores(a.model()), scores(b.model()));
  }

  @Test
  void headerIsSelfDescribing() throws IOException {
    JsonNode h = new ObjectMapper().readTree(entries(artifact().toBytes()).get(AcpNetArtifact.HEADER_ENTRY));
    assertEquals("acp-stream/acpnet", h.get("format").asText());
    assertEquals(1, h.get("format_version").asInt());
    assertEquals("affect", h.at("/backbone/id").asText());
    assertEquals(20, h.at("/backbone/dim").asInt());
    assertEquals(193, h.at("/music_feature/dim").asInt());
    assertEquals("[24,12,6,2]", h.at("/layers/fusion").toString());
    assertTrue(h.get("weakly_labelled_images").asBoolean());
    assertEquals("2026-02-03T04:05:06Z", h.get("created_at").asText());
    JsonNode fc0 = null;
    for (JsonNode t : h.get("tensors")) {
      if (t.get("name").asText().equals("fusion.fc0.weight")) {
        fc0 = t;
      }
    }
    assertEquals("[24,64]", fc0.get("shape").toString());
    assertEquals(24 * 64 * 4, entries(artifact().toBytes()).get(fc0.get("entry").asText()).length);
  }

  @Test
  void loadsAndScoresIdenticallyInAnotherJvm(@TempDir Path dir) throws Exception {
    AcpNetArtifact a = artifact();
    Path file = dir.resolve("model.acpnet");
    a.save(file);
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, ScoreArtifactMain.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    List<String> lines = out.lines().toList();
    float[] expected = scores(a.model());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Integer.parseInt(lines.get(i)), "pair " + i);
    }
    assertEquals("weak=true", lines.get(expected.length));
    String probe = a.model().embedMusic(RandomWeights.features(1, 193, 3)[0]).emotion().label();
    assertEquals("probe=" + probe, lines.get(expected.length + 1));
  }

  @Test
  void badBytesFailWithAClearMessage() {
    assertBad(new byte[0], "0 bytes");
    assertBad("hello world, not a model".getBytes(StandardCharsets.UTF_8), "not a zip archive");
    byte[] good = artifact().toBytes();
    assertBad(java.util.Arrays.copyOf(good, good.length / 2), "damaged zip");
    assertBad(rezip(good, e -> e.equals(AcpNetArtifact.HEADER_ENTRY) ? null : e, null), "no acpnet.json");
    assertBad(rezip(good, e -> e, h -> h.replace("acp-stream/acpnet", "something/else")), "format is 'something/else'");
    assertBad(rezip(good, e -> e, h -> h.replace("\"format_version\" : 1", "\"format_version\" : 9")),
        "version 9 is not supported");
    assertBad(rezip(good, e -> e.equals("tensors/fusion.fc1.bias.f32") ? null : e, null),
        "tensor fusion.fc1.bias is listed but its entry");
    assertBad(rezip(good, e -> e, h -> h.replace("\"id\" : \"affect\"", "\"id\" : \"affect\", \"dim2\" : 1")
        .replace("\"dim\" : 20", "\"dim\" : 21")), "inconsistent");
    assertBad(rezip(good, e -> e, h -> h.replace("\"created_at\"", "\"created\"")), "created_at");
  }

  private static void assertBad(byte[] bytes, String expectedText) {
    InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
        () -> AcpNetArtifact.fromBytes(bytes));
    assertTrue(e.getMessage().contains(expectedText), "message '" + e.getMessage()
        + "' should contain '" + expectedText + "'");
  }

  private static java.util.LinkedHashMap<String, byte[]> entries(byte[] zip) throws IOException {
    java.util.LinkedHashMap<String, byte[]> out = new java.util.LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  /** Rebuilds the archive, renaming or dropping entries (null) and editing the header text. */
  private static byte[] rezip(byte[] zip, UnaryOperator<String> rename, UnaryOperator<String> header) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream out = new ZipOutputStream(bytes)) {
        List<Map.Entry<String, byte[]>> all = new ArrayList<>(entries(zip).entrySet());
        for (Map.Entry<String, byte[]> e : all) {
          String name = rename.apply(e.getKey());
          if (name == null) {
            continue;
          }
          byte[] data = e.getValue();
          if (header != null && name.equals(AcpNetArtifact.HEADER_ENTRY)) {
            data = header.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
          }
          out.putNextEntry(new ZipEntry(name));
          out.write(data);
          out.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void saveWritesAFileThatLoads(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("m.acpnet");
    artifact().save(f);
    assertTrue(Files.size(f) > 1000);
    InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> {
      Files.writeString(dir.resolve("bad.acpnet"), "nope");
      AcpNetArtifact.load(dir.resolve("bad.acpnet"));
    });
    assertTrue(e.getMessage().contains("bad.acpnet"), e.getMessage());
    assertEquals(CONFIG, AcpNetArtifact.load(f).weights().config());
  }
}
