package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HpssTest {

  private static final int SR = 22050;
  private final Hpss hpss = new Hpss();

  @Test
  void aSteadyToneStaysHarmonic() {
    float[] y = new float[5 * SR];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / SR));
    }
    float[] h = hpss.harmonic(y);
    assertEquals(y.length, h.length);
    // Away from the window edges (where the tone switches on and off) nearly all of it is kept.
    assertTrue(energy(h, SR, 4 * SR) / energy(y, SR, 4 * SR) > 0.98);
  }

  @Test
  void aClickTrainGoesToThePercussivePart() {
    float[] y = new float[5 * SR];
    for (int i = 0; i < y.length; i += SR / 4) {
      y[i] = 1f;
    }
    float[] h = hpss.harmonic(y);
    assertTrue(energy(h, 0, y.length) / energy(y, 0, y.length) < 0.05);
  }

  @Test
  void toneAndClicksSeparate() {
    float[] tone = new float[5 * SR];
    float[] mix = new float[5 * SR];
    for (int i = 0; i < mix.length; i++) {
      tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 660 * i / SR));
      mix[i] = tone[i] + (i % (SR / 4) == 0 ? 1f : 0f);
    }
    float[] h = hpss.harmonic(mix);
    double residual = 0;
    for (int i = SR; i < 4 * SR; i++) {
      residual += (h[i] - tone[i]) * (h[i] - tone[i]);
    }
    assertTrue(residual / energy(tone, SR, 4 * SR) < 0.05, "residual " + residual);
  }

  @Test
  void silenceSplitsTheMaskEvenlyAndStaysSilent() {
    float[] mask = Hpss.harmonicMask(new float[Stft.BINS * 40], 40, Stft.BINS);
    for (float m : mask) {
      assertEquals(0.5f, m);
    }
    for (float v : hpss.harmonic(new float[3000])) {
      assertEquals(0f, v);
    }
  }

  @Test
  void bandLimitedSeparationMatchesFullBandBelowTheCutAndDropsAbove() {
    float[] y = new float[3 * SR];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * i / SR) + 0.05 * r.nextGaussian());
    }
    Stft.Spectrogram full = hpss.harmonicSpectrogram(y);
    Stft.Spectrogram band = new Hpss(Hpss.CHROMA_BAND_BINS).harmonicSpectrogram(y);
    for (int t = 0; t < full.frames(); t++) {
      for (int k = 0; k < Stft.BINS; k++) {
        int i = t * Stft.BINS + k;
        if (k < Hpss.CHROMA_BAND_BINS) {
          assertEquals(full.re()[i], band.re()[i]);
          assertEquals(full.im()[i], band.im()[i]);
        } else {
          assertEquals(0.0, band.re()[i], 0.0);
          assertEquals(0.0, band.im()[i], 0.0);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new Hpss(0));
    assertThrows(IllegalArgumentException.class, () -> new Hpss(Stft.BINS + 1));
  }

  @Test
  void nonFiniteSamplesAreRejectedWithTheirIndex() {
    float[] y = new float[4000];
    y[1234] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> hpss.harmonic(y));
    assertTrue(e.getMessage().contains("1234"), e.getMessage());
  }

  private static double energy(float[] y, int from, int to) {
    double e = 0;
    for (int i = from; i < to; i++) {
      e += (double) y[i] * y[i];
    }
    return e;
  }

  @Test
  void givenMagnitudesGiveTheSameHarmonicAndAMismatchIsRejected() {
    java.util.Random r = new java.util.Random(7);
    float[] y = new float[3 * SR];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / SR) + 0.1 * r.nextGaussian());
    }
    Hpss band = new Hpss(Hpss.CHROMA_BAND_BINS);
    Stft.Spectrogram d = new Stft().forward(y);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        band.harmonic(y, d), band.harmonic(y, d, d.magnitude()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> band.harmonic(y, d, new float[d.re().length - 1]));
    assertTrue(e.getMessage().contains("magnitude"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> band.harmonic(y, d, null));
  }

  @Test
  void givenMagnitudesMustBeFiniteAndNonNegativeInsideTheBandAndItsReach() {
    float[] y = new float[2 * SR];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) Math.sin(2 * Math.PI * 220 * i / SR);
    }
    Hpss band = new Hpss(Hpss.CHROMA_BAND_BINS);
    Stft.Spectrogram d = new Stft().forward(y);
    float[] ok = d.magnitude();
    // -0 is a valid magnitude: same harmonic as +0.
    float[] negativeZero = ok.clone();
    negativeZero[3 * Stft.BINS + 10] = -0f;
    float[] positiveZero = ok.clone();
    positiveZero[3 * Stft.BINS + 10] = 0f;
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        band.harmonic(y, d, positiveZero), band.harmonic(y, d, negativeZero));
    // In the band (bin 10), and beyond it but inside the percussive median's reach (bin 425).
    for (int bin : new int[] {10, Hpss.CHROMA_BAND_BINS + 5}) {
      for (float bad : new float[] {Float.NaN, -1f, Float.POSITIVE_INFINITY}) {
        float[] m = ok.clone();
        m[5 * Stft.BINS + bin] = bad;
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> band.harmonic(y, d, m));
        assertTrue(e.getMessage().contains("got " + bad), bin + ": " + e.getMessage());
      }
    }
  }
}
