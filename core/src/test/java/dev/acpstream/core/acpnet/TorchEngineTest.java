package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/** The PyTorch engine starts offline from the classpath natives (ai.djl.offline forbids downloads). */
class TorchEngineTest {

  @Test
  void startsThePyTorchEngineOfflineByName() {
    Engine e = TorchEngine.get();
    assertEquals("PyTorch", e.getEngineName());
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertTrue(e.getVersion().startsWith("2.7.1"), e.getVersion());
    try (var m = e.newBaseManager()) {
      assertEquals(6f, m.create(new float[] {1, 2, 3}).sum().getFloat());
    }
  }
}
