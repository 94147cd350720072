package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  void windowedFormEqualsWindowingFirstIncludingFramesOverTheEdges() {
    RealFft fft = new RealFft(64);
    Random r = new Random(2);
    float[] y = new float[100];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    double[] w = new double[64];
    for (int i = 0; i < 64; i++) {
      w[i] = r.nextDouble();
    }
    for (int start : new int[] {-40, -1, 0, 10, 36, 50, 99}) {
      double[] x = new double[64];
      for (int i = 0; i < 64; i++) {
        int s = start + i;
        x[i] = s >= 0 && s < y.length ? y[s] * w[i] : 0.0;
      }
      float[] re1 = new float[33];
      float[] im1 = new float[33];
      float[] re2 = new float[33];
      float[] im2 = new float[33];
      fft.forward(x, new double[fft.scratchLength()], re1, im1, 0);
      fft.forward(y, start, w, new double[fft.scratchLength()], re2, im2, 0);
      assertArrayEquals(re1, re2, "re, start " + start);
      assertArrayEquals(im1, im2, "im, start " + start);
    }
  }

  @Test
  void rejectsLengthsThatAreNotPowersOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new RealFft(2000));
    assertThrows(IllegalArgumentException.class, () -> new RealFft(2));
  }
}
