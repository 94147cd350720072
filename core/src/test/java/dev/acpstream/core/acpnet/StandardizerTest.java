package dev.acpstream.core.acpnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardizerTest {

  @Test
  void standardisesAndLeavesConstantDimensionsUnscaled() {
    Standardizer s = Standardizer.fit(new float[][] {{1, 5}, {3, 5}});
    assertArrayEquals(new float[] {2, 5}, s.mean());
    assertArrayEquals(new float[] {1, 1}, s.std());
    assertArrayEquals(new float[] {1, 2}, s.apply(new float[] {3, 7}));
  }

  @Test
  void rejectsBadInput() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[0][]))
        .getMessage().contains("no rows"));
    Standardizer s = Standardizer.fit(new float[][] {{1, 2}});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.apply(new float[3]))
        .getMessage().contains("3 values, expected 2"));
    assertThrows(IllegalArgumentException.class, () -> new Standardizer(new float[] {0}, new float[] {0}));
  }
}
