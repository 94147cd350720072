package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {

  @Test
  void matchesADirectDftInDoublePrecisionForEveryBin() {
    for (int n : new int[] {4, 8, 64, 2048}) {
      RealFft fft = new RealFft(n);
      Random r = new Random(n);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.nextGaussian() * (i % 7 == 0 ? 100 : 1e-4);
      }
      float[] re = new float[n / 2 + 3];
      float[] im = new float[n / 2 + 3];
      fft.forward(x.clone(), new double[fft.scratchLength()], re, im, 2);
      for (int k = 0; k <= n / 2; k++) {
        double dr = 0;
        double di = 0;
        for (int t = 0; t < n; t++) {
          double a = -2 * Math.PI * (((long) k * t) % n) / n;
          dr += x[t] * Math.cos(a);
          di += x[t] * Math.sin(a);
        }
        // Rounded to float32 like numpy's complex64 result: within one float ulp of the scale.
        double tol = Math.ulp((float) Math.max(Math.abs(dr), Math.abs(di))) + 1e-9 * n;
        assertEquals(dr, re[2 + k], tol, "re n=" + n + " k=" + k);
        assertEquals(di, im[2 + k], tol, "im n=" + n + " k=" + k);
      }
    }
  }

  @Test
  void rejectsLengthsThatAreNotPowersOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new RealFft(2000));
    assertThrows(IllegalArgumentException.class, () -> new RealFft(2));
  }
}
