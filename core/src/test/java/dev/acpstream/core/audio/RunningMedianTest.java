package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningMedianTest {

  @Test
  void everyLaneMatchesASortPerElementWithScipyReflectEdges() {
    Random r = new Random(5);
    RunningMedian median = new RunningMedian(31);
    for (int n : new int[] {1, 2, 7, 15, 16, 31, 40, 431, 1025}) {
      for (int lanes : new int[] {1, 3, 17}) {
        float[][] x = new float[n][lanes];
        for (float[] row : x) {
          for (int l = 0; l < lanes; l++) {
            // Coarse values force ties, which a sliding window must handle; zeros included.
            row[l] = r.nextInt(20) / 4f;
          }
        }
        int[][] got = new int[n][lanes];
        median.filter(bits(x), n, lanes, n, got);
        for (int l = 0; l < lanes; l++) {
          float[] lane = new float[n];
          for (int i = 0; i < n; i++) {
            lane[i] = x[i][l];
          }
          float[] want = bruteForce(lane, 31, n);
          for (int j = 0; j < n; j++) {
            assertEquals(want[j], Float.intBitsToFloat(got[j][l]), "n=" + n + " lane " + l + " j=" + j);
          }
        }
      }
    }
  }

  @Test
  void fewerOutputsThanRowsReflectAtTheRowCountAndWideRangesStayOrdered() {
    // The percussive filter: outputs for the first bins only, rows reflected at the last one, and
    // values spanning float's whole finite range (the bit-pattern order must hold everywhere).
    Random r = new Random(9);
    int n = 60;
    int count = 50;
    int lanes = 9;
    float[][] x = new float[n][lanes];
    for (float[] row : x) {
      for (int l = 0; l < lanes; l++) {
        row[l] = r.nextInt(4) == 0 ? 0f : (float) Math.pow(10, r.nextDouble() * 76 - 38);
      }
    }
    x[3][2] = Float.MAX_VALUE;
    x[4][2] = Float.MIN_VALUE;
    int[][] got = new int[count][lanes];
    new RunningMedian(5).filter(bits(x), n, lanes, count, got);
    for (int l = 0; l < lanes; l++) {
      float[] lane = new float[n];
      for (int i = 0; i < n; i++) {
        lane[i] = x[i][l];
      }
      float[] want = bruteForce(lane, 5, count);
      for (int j = 0; j < count; j++) {
        assertEquals(want[j], Float.intBitsToFloat(got[j][l]), "lane " + l + " j=" + j);
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

  private static int[][] bits(float[][] x) {
    int[][] b = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      b[i] = new int[x[i].length];
      for (int l = 0; l < x[i].length; l++) {
        b[i][l] = Float.floatToRawIntBits(x[i][l]);
      }
    }
    return b;
  }

  private static float[] bruteForce(float[] x, int width, int count) {
    int n = x.length;
    int half = width / 2;
    float[] out = new float[count];
    float[] w = new float[width];
    for (int j = 0; j < count; j++) {
      for (int i = 0; i < width; i++) {
        w[i] = x[RunningMedian.reflect(j - half + i, n)];
      }
      Arrays.sort(w);
      out[j] = w[half];
    }
    return out;
  }
}
