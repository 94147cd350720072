package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfRateResamplerTest {

  private final HalfRateResampler halver = new HalfRateResampler();

  @Test
  void outputLengthIsCeilOfHalf() {
    assertEquals(5, halver.halve(new float[10]).length);
    assertEquals(6, halver.halve(new float[11]).length);
    assertEquals(1, halver.halve(new float[1]).length);
    assertEquals(0, halver.halve(new float[0]).length);
  }

  @Test
  void passBandToneKeepsPhaseAndGainsSqrtTwo() {
    // 0.85 of the output Nyquist: inside soxr HQ's pass band.
    double f = 0.85 * 0.25;
    float[] x = tone(20000, f);
    float[] y = halver.halve(x);
    for (int m = 2000; m < 8000; m++) {
      assertEquals(Math.sqrt(2) * x[2 * m], y[m], 2e-4, "sample " + m);
    }
  }

  @Test
  void stopBandToneIsRejected() {
    // Just above the output Nyquist it would alias; soxr HQ rejects it by about 120 dB.
    float[] y = halver.halve(tone(20000, 1.02 * 0.25));
    double peak = 0;
    for (int m = 1000; m < 9000; m++) {
      peak = Math.max(peak, Math.abs(y[m]));
    }
    assertTrue(peak < 1e-5, "alias peak " + peak);
  }

  private static float[] tone(int n, double cyclesPerSample) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.cos(2 * Math.PI * cyclesPerSample * i);
    }
    return x;
  }
}
