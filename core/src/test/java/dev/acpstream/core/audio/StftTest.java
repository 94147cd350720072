package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StftTest {

  private final Stft stft = new Stft();

  @Test
  void frameCountFollowsLibrosaCentring() {
    assertEquals(1, Stft.frameCount(0));
    assertEquals(1, Stft.frameCount(511));
    assertEquals(2, Stft.frameCount(512));
    assertEquals(431, Stft.frameCount(220500));
  }

  @Test
  void matchesADirectDftIncludingPhaseSignAndZeroPadding() {
    int n = 5000;
    float[] y = new float[n];
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < n; i++) {
      y[i] = (float) (Math.sin(2 * Math.PI * 440 * i / 22050.0) + 0.1 * r.nextGaussian());
    }
    Stft.Spectrogram s = stft.forward(y);
    float[] w = Stft.periodicHann(Stft.N_FFT);
    for (int t : new int[] {0, 3, s.frames() - 1}) {
      for (int k : new int[] {0, 1, 40, 41, 500, Stft.BINS - 1}) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < Stft.N_FFT; i++) {
          int idx = t * Stft.HOP - Stft.N_FFT / 2 + i;
          double v = (idx >= 0 && idx < n) ? y[idx] * w[i] : 0;
          double ang = -2 * Math.PI * k * i / Stft.N_FFT;
          re += v * Math.cos(ang);
          im += v * Math.sin(ang);
        }
        assertEquals(re, s.re()[t * Stft.BINS + k], 2e-3, "re t=" + t + " k=" + k);
        assertEquals(im, s.im()[t * Stft.BINS + k], 2e-3, "im t=" + t + " k=" + k);
      }
    }
  }
}
