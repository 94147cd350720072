package dev.acpstream.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL's TensorFlow engine on a SavedModel that TensorFlow Java builds at test time, held against TF Java itself. */
class TfImageBackboneTest {

  @TempDir static Path work;
  static Path savedModel;
  static Backbones backbones;
  static ImageBackbone backbone;
  static List<DecodedImage> photos;

  @BeforeAll
  static void buildModel() throws Exception {
    savedModel = work.resolve("inception-shaped");
    SavedModelFixtureProcess.run("build", savedModel.toString(), "42");
    backbones = new Backbones(TfModelOptions.INCEPTION_V3, work.resolve("cache"));
    backbone = backbones.get("tf:" + savedModel);
    ImageDecoder decoder = new ImageDecoder();
    photos = new ArrayList<>();
    for (Path p : Samples.photos().subList(0, 5)) {
      photos.add(decoder.decode(p));
    }
  }

  @AfterAll
  static void close() {
    if (backbones != null) {
      backbones.close();
    }
  }

  @Test
  void loadsWithInceptionSignatureAndOfflineNatives() {
    assertEquals(2048, backbone.dim());
    assertEquals("tf:" + savedModel, backbone.id());
    Path natives = TensorFlowNatives.prepare(work.resolve("cache"));
    assertTrue(Files.isRegularFile(natives.resolve("libjnitensorflow.so")), natives + " holds no libjnitensorflow.so");
    if (System.getenv("TENSORFLOW_LIBRARY_PATH") == null) {
      assertEquals(work.resolve("cache"), natives.getParent());
      assertTrue(natives.getFileName().toString().startsWith("tensorflow-native-1.0.0"), natives.toString());
      assertEquals(natives.toString(), System.getProperty("TENSORFLOW_LIBRARY_PATH"));
    }
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
  }

  @Test
  void djlOutputEqualsTensorFlowJavasOwnRun() throws Exception {
    TfImageBackbone tf = (TfImageBackbone) backbone;
    int per = tf.preprocessor().valuesPerImage();
    float[] input = new float[photos.size() * per];
    for (int i = 0; i < photos.size(); i++) {
      tf.preprocessor().write(photos.get(i), input, i * per);
    }
    Path in = work.resolve("in.f32");
    Path out = work.resolve("out.f32");
    SavedModelFixtureProcess.writeFloats(in, input);
    SavedModelFixtureProcess.run("run", savedModel.toString(), in.toString(), out.toString());
    float[] expected = SavedModelFixtureProcess.readFloats(out);

    List<float[]> actual = backbone.features(photos);
    assertEquals(photos.size() * 2048, expected.length);
    double maxAbs = 0;
    for (float v : expected) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    assertTrue(maxAbs > 1e-3, "the fixture's features are all ~0: the comparison would prove nothing");
    for (int i = 0; i < photos.size(); i++) {
      float[] row = new float[2048];
      System.arraycopy(expected, i * 2048, row, 0, 2048);
      assertArrayEquals(row, actual.get(i), (float) (1e-5 * maxAbs), "image " + i);
    }
  }

  @Test
  void aBatchEqualsImagesOneByOneAndBatchesAreSplit() {
    ImageBackbone small = new Backbones(TfModelOptions.INCEPTION_V3.withMaxBatch(2), work.resolve("cache"))
        .get("tf:" + savedModel);
    try {
      List<float[]> batched = small.features(photos); // 5 images in runs of 2, 2, 1
      for (int i = 0; i < photos.size(); i++) {
        assertArrayEquals(backbone.features(photos.get(i)), batched.get(i), 1e-4f, "image " + i);
      }
    } finally {
      small.close();
    }
  }

  @Test
  void concurrentCallersGetTheSameAnswers() throws Exception {
    List<float[]> sequential = backbone.features(photos);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (DecodedImage photo : photos) {
          futures.add(pool.submit(() -> backbone.features(photo)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertArrayEquals(sequential.get(i % photos.size()), futures.get(i).get(), 1e-4f);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void theModelIsLoadedOncePerRegistry() {
    assertSame(backbone, backbones.get("tf:" + savedModel));
    assertSame(backbone, backbones.get(new BackboneSpec.TensorFlow(savedModel)));
  }

  @Test
  void namedInputAndOutputAreHonouredAndWrongNamesListTheRealOnes() {
    Path cache = work.resolve("cache");
    try (TfImageBackbone named = TfImageBackbone.load(savedModel,
        TfModelOptions.INCEPTION_V3.withNames("input_1", "avg_pool"), cache)) {
      assertArrayEquals(backbone.features(photos.get(0)), named.features(photos.get(0)), 1e-5f);
    }
    var e = assertThrows(BackboneException.class, () -> TfImageBackbone.load(savedModel,
        TfModelOptions.INCEPTION_V3.withNames(null, "logits"), cache));
    assertTrue(e.getMessage().contains("no output 'logits'") && e.getMessage().contains("avg_pool"), e.getMessage());
  }

  @Test
  void inputSizeThatContradictsTheModelIsRefused() {
    var e = assertThrows(BackboneException.class, () -> TfImageBackbone.load(savedModel,
        TfModelOptions.INCEPTION_V3.withSize(224, 224), work.resolve("cache")));
    assertTrue(e.getMessage().contains("224") && e.getMessage().contains("299"), e.getMessage());
  }

  @Test
  void wrongSignatureIsNamed() {
    var e = assertThrows(BackboneException.class, () -> TfImageBackbone.load(savedModel,
        TfModelOptions.INCEPTION_V3.withSignature("predict"), work.resolve("cache")));
    assertTrue(e.getMessage().contains(savedModel.toString()) && e.getMessage().contains("predict"), e.getMessage());
  }

  @Test
  void aDirectoryWithoutSavedModelIsNamed() throws Exception {
    Path empty = Files.createDirectories(work.resolve("not-a-model"));
    var e = assertThrows(BackboneException.class, () -> backbones.get("tf:" + empty));
    assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("saved_model.pb"), e.getMessage());
  }
}
