package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningMedianTest {

  @Test
  void matchesASortPerElementWithScipyReflectEdges() {
    Random r = new Random(5);
    for (int n : new int[] {1, 2, 7, 15, 16, 31, 40, 431, 1025}) {
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        // Coarse values force ties, which a sliding window must handle.
        x[i] = r.nextInt(20) / 4f;
      }
      float[] got = new float[n];
      new RunningMedian(31).filter(x, 0, 1, n, got, 0);
      assertArrayEquals(bruteForce(x, 31), got, "n=" + n);
    }
  }

  @Test
  void followsTheStrideOfAFrameMajorMatrix() {
    int rows = 50;
    int cols = 3;
    float[] m = new float[rows * cols];
    Random r = new Random(9);
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextFloat();
    }
    float[] out = new float[m.length];
    RunningMedian median = new RunningMedian(5);
    for (int c = 0; c < cols; c++) {
      median.filter(m, c, cols, rows, out, c);
    }
    for (int c = 0; c < cols; c++) {
      float[] column = new float[rows];
      for (int t = 0; t < rows; t++) {
        column[t] = m[t * cols + c];
      }
      float[] want = bruteForce(column, 5);
      for (int t = 0; t < rows; t++) {
        assertEquals(want[t], out[t * cols + c]);
      }
    }
  }

  @Test
  void reflectRepeatsTheEdgeSample() {
    assertEquals(0, RunningMedian.reflect(-1, 10));
    assertEquals(1, RunningMedian.reflect(-2, 10));
    assertEquals(9, RunningMedian.reflect(10, 10));
    assertEquals(8, RunningMedian.reflect(11, 10));
    assertEquals(0, RunningMedian.reflect(-4, 2)); // d c b a | a b: period 2n on short rows
  }

  @Test
  void evenOrNonPositiveWidthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RunningMedian(30));
    assertThrows(IllegalArgumentException.class, () -> new RunningMedian(0));
  }

  private static float[] bruteForce(float[] x, int width) {
    int n = x.length;
    int half = width / 2;
    float[] out = new float[n];
    float[] w = new float[width];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < width; i++) {
        w[i] = x[RunningMedian.reflect(j - half + i, n)];
      }
      Arrays.sort(w);
      out[j] = w[half];
    }
    return out;
  }
}
