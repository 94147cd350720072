package dev.acpstream.topology.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.core.image.ImageDecoder;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.BlobReference;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.schemas.avro.InlineBytes;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.TopologyHarness;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.images -> features.image with the real decoder and the affect backbone; bad images to dead letters. */
class ImageFeaturesProcessorTest {

  private static final Path PHOTOS = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples/images");

  @TempDir Path outside;

  private static ImageUpload upload(String id, Object content) {
    return ImageUpload.newBuilder()
        .setMediaId(id).setPairingKey("party-1").setContentType("image/jpeg").setContent(content)
        .setUploadedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
  }

  private static InlineBytes inline(byte[] b) {
    return new InlineBytes(ByteBuffer.wrap(b));
  }

  private static float[] floats(ImageFeatures f) {
    float[] v = new float[f.getFeatures().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = f.getFeatures().get(i);
    }
    return v;
  }

  private Properties roots() {
    Properties p = new Properties();
    p.setProperty(TopologyConfig.IMAGE_REFERENCE_ROOTS, PHOTOS.toString());
    return p;
  }

  @Test
  void inlineAndReferencedPhotosGiveTheBackboneVector() throws Exception {
    Path photo = PHOTOS.resolve("Autumn.jpg");
    byte[] bytes = Files.readAllBytes(photo);
    float[] expected = new AffectBackbone().features(new ImageDecoder().decode("x", bytes));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (TopologyHarness h = new TopologyHarness(roots())) {
      h.images.pipeInput("img-1", upload("img-1", inline(bytes)));
      h.images.pipeInput("img-2", upload("img-2", new BlobReference(photo.toUri().toString(), (long) bytes.length, sha)));
      KeyValue<String, ImageFeatures> a = h.imageFeatures.readKeyValue();
      KeyValue<String, ImageFeatures> b = h.imageFeatures.readKeyValue();
      assertEquals("img-1", a.key);
      assertEquals("affect", a.value.getBackbone());
      assertEquals(expected.length, a.value.getDim());
      assertEquals("party-1", a.value.getPairingKey());
      assertArrayEquals(expected, floats(a.value));
      assertEquals("img-2", b.key);
      assertArrayEquals(expected, floats(b.value));
      assertTrue(h.deadLetters.isEmpty());
    }
  }

  @Test
  void corruptImage() throws Exception {
    byte[] bytes = Files.readAllBytes(PHOTOS.resolve("Autumn.jpg"));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 3);
    try (TopologyHarness h = new TopologyHarness(roots())) {
      h.images.pipeInput("cut", upload("cut", inline(truncated)));
      h.images.pipeInput("text", upload("text", inline("hello".getBytes())));
      DeadLetter a = h.deadLetters.readValue();
      DeadLetter b = h.deadLetters.readValue();
      assertEquals("CORRUPT_IMAGE", a.getReason(), a.getErrorMessage());
      assertTrue(a.getErrorMessage().startsWith("image 'cut'"), a.getErrorMessage());
      assertEquals(Topics.MEDIA_IMAGES.name(), a.getSourceTopic());
      assertEquals("CORRUPT_IMAGE", b.getReason());
      assertOnlyGoodImagesFlow(h);
    }
  }

  @Test
  void decompressionBombIsRefusedBeforeDecoding() throws Exception {
    try (TopologyHarness h = new TopologyHarness(roots())) {
      h.images.pipeInput("bomb", upload("bomb", inline(dev.acpstream.topology.TestImages.pngHeader(60_000, 60_000))));
      DeadLetter dl = h.deadLetters.readValue();
      assertEquals("IMAGE_TOO_LARGE", dl.getReason(), dl.getErrorMessage());
      assertTrue(dl.getErrorMessage().contains("decompression bomb"), dl.getErrorMessage());
      assertOnlyGoodImagesFlow(h);
    }
  }

  @Test
  void referencesOutsideTheRootsOrWithTheWrongHashAreRefused() throws Exception {
    Path stray = Files.copy(PHOTOS.resolve("Autumn.jpg"), outside.resolve("stray.jpg"));
    try (TopologyHarness h = new TopologyHarness(roots())) {
      h.images.pipeInput("out", upload("out", new BlobReference(stray.toUri().toString(), null, null)));
      h.images.pipeInput("sha", upload("sha", new BlobReference(PHOTOS.resolve("Kite.jpg").toUri().toString(), null, "00")));
      h.images.pipeInput("http", upload("http", new BlobReference("https://example.org/a.jpg", null, null)));
      for (String id : new String[] {"out", "sha", "http"}) {
        DeadLetter dl = h.deadLetters.readValue();
        assertEquals("BAD_REFERENCE", dl.getReason(), dl.getErrorMessage());
        assertTrue(dl.getErrorMessage().startsWith("image '" + id + "'"), dl.getErrorMessage());
      }
      assertOnlyGoodImagesFlow(h);
    }
  }

  private static void assertOnlyGoodImagesFlow(TopologyHarness h) throws Exception {
    assertTrue(h.imageFeatures.isEmpty());
    h.images.pipeInput("good", upload("good", inline(Files.readAllBytes(PHOTOS.resolve("Kite.jpg")))));
    assertEquals("good", h.imageFeatures.readKeyValue().key);
    assertTrue(h.deadLetters.isEmpty());
  }
}
