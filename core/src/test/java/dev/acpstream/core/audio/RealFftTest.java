package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {

  @Test
  void matchesADirectDftInDoublePrecisionForEveryBin() {
    for (int n : new int[] {4, 8, 16, 64, 128, 512, 1024, 2048, 8192}) {
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

  /**
   * The speed round's FFT (constant twiddles at size 16, halving folded into the split's twiddles)
   * against the one before it, kept as {@link RealFftBaseline}: the float bins may differ only by
   * the double rounding underneath, i.e. at most one float ulp, and almost never.
   */
  @Test
  void matchesThePreviousFftToDoubleRounding() {
    Random r = new Random(11);
    for (int n : new int[] {4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192}) {
      RealFft fft = new RealFft(n);
      RealFftBaseline old = new RealFftBaseline(n);
      double[] window = Stft.periodicHannF64(n);
      float[] y = new float[3 * n];
      int bins = n / 2 + 1;
      int differ = 0;
      for (int frame = 0; frame < 20; frame++) {
        for (int i = 0; i < y.length; i++) {
          // loud and quiet stretches, silence, a tone: the spectra an STFT meets
          y[i] = frame % 5 == 4 ? 0f
              : (float) (Math.sin(0.05 * i * (frame + 1)) * (frame % 3 == 0 ? 1e-4 : 0.5)
                  + r.nextGaussian() * (frame % 2 == 0 ? 1e-3 : 0.1));
        }
        int start = frame % 4 == 0 ? -n / 2 : r.nextInt(2 * n);
        float[] re = new float[bins + 1];
        float[] im = new float[bins + 1];
        float[] oldRe = new float[bins + 1];
        float[] oldIm = new float[bins + 1];
        fft.forward(y, start, window, new double[fft.scratchLength()], re, im, 1);
        old.forward(y, start, window, new double[old.scratchLength()], oldRe, oldIm, 1);
        for (int k = 1; k <= bins; k++) {
          assertEquals(oldRe[k], re[k], Math.ulp(oldRe[k]), "re n=" + n + " bin " + (k - 1));
          assertEquals(oldIm[k], im[k], Math.ulp(oldIm[k]), "im n=" + n + " bin " + (k - 1));
          differ += oldRe[k] != re[k] || oldIm[k] != im[k] ? 1 : 0;
        }
      }
      assertTrue(differ <= 20 * bins / 100, "n=" + n + ": " + differ + " bins differ");
    }
  }

  @Test
  void rejectsLengthsThatAreNotPowersOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new RealFft(2000));
    assertThrows(IllegalArgumentException.class, () -> new RealFft(2));
  }
}
