package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.util.fft.FloatFFT;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingDftBinsTest {

  private static final int N = 1024;

  @Test
  void matchesAnFftOfEveryCentredZeroPaddedFrame() {
    for (int hop : new int[] {8, 16, 32, 64}) {
      // 3001 samples: not a multiple of the hop, so the last frames end inside the padding.
      float[] x = noise(3001, hop);
      int frames = 1 + x.length / hop;
      SlidingDftBins bins = new SlidingDftBins(N, 91, 203);
      float[][] re = new float[bins.count()][frames];
      float[][] im = new float[bins.count()][frames];
      bins.frames(x, hop, frames, re, im);
      FloatFFT fft = new FloatFFT(N);
      float[] buf = new float[N];
      double worst = 0;
      for (int t = 0; t < frames; t++) {
        for (int i = 0; i < N; i++) {
          int s = t * hop - N / 2 + i;
          buf[i] = s >= 0 && s < x.length ? x[s] : 0f;
        }
        fft.realForward(buf);
        for (int k = 91; k <= 203; k++) {
          worst = Math.max(worst, Math.abs(buf[2 * k] - re[k - 91][t]));
          worst = Math.max(worst, Math.abs(buf[2 * k + 1] - im[k - 91][t]));
        }
      }
      // Bins reach ~100 here; float FFT rounding is ~1e-5 of that.
      assertTrue(worst < 1e-3, "hop " + hop + ": worst difference " + worst);
    }
  }

  @Test
  void rejectsAHopThatDoesNotDivideTheFrameOrBadBins() {
    SlidingDftBins bins = new SlidingDftBins(N, 1, 10);
    float[][] re = new float[bins.count()][5];
    assertThrows(IllegalArgumentException.class, () -> bins.frames(new float[100], 24, 5, re, re));
    assertThrows(IllegalArgumentException.class, () -> bins.frames(new float[100], 0, 5, re, re));
    assertThrows(IllegalArgumentException.class, () -> new SlidingDftBins(1000, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new SlidingDftBins(N, 10, 9));
    assertThrows(IllegalArgumentException.class, () -> new SlidingDftBins(N, 1, N / 2 + 1));
  }

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }
}
