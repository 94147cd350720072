package dev.acpstream.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackboneSpecTest {

  @Test
  void parsesAffectAndTensorFlowPaths() {
    assertInstanceOf(BackboneSpec.Affect.class, BackboneSpec.parse("affect"));
    assertEquals("affect", BackboneSpec.parse(" affect ").toString());
    var tf = (BackboneSpec.TensorFlow) BackboneSpec.parse("tf:models/inception");
    assertEquals(Path.of("models/inception").toAbsolutePath().normalize(), tf.savedModel());
    assertEquals("tf:" + tf.savedModel(), tf.toString());
  }

  @Test
  void rejectsUnknownAndEmptySpecsWithTheirText() {
    for (String bad : new String[] {"resnet", "tf:", "TF:x", ""}) {
      var e = assertThrows(IllegalArgumentException.class, () -> BackboneSpec.parse(bad));
      assertTrue(e.getMessage().contains("affect") && e.getMessage().contains("tf:PATH"), e.getMessage());
    }
  }

  @Test
  void aTensorFlowLibraryPathWithoutTheLibraryIsNamed(@org.junit.jupiter.api.io.TempDir Path empty) {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("TENSORFLOW_LIBRARY_PATH") == null,
        "TENSORFLOW_LIBRARY_PATH is set in the environment; this test sets it as a property");
    String before = System.getProperty("TENSORFLOW_LIBRARY_PATH");
    System.setProperty("TENSORFLOW_LIBRARY_PATH", empty.toString());
    try {
      var e = assertThrows(BackboneException.class, () -> TensorFlowNatives.prepare(empty));
      assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("libjnitensorflow.so"),
          e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty("TENSORFLOW_LIBRARY_PATH");
      } else {
        System.setProperty("TENSORFLOW_LIBRARY_PATH", before);
      }
    }
  }

  @Test
  void affectNeedsNoModelAndIsShared() {
    try (Backbones backbones = new Backbones()) {
      assertEquals(backbones.get("affect"), backbones.get(new BackboneSpec.Affect()));
      assertEquals(42, backbones.get("affect").dim());
    }
  }
}
