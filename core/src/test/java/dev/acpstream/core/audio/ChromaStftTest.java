package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChromaStftTest {

  private static final int SR = 22050;
  private static final int C = 0;
  private static final int E = 4;
  private static final int G = 7;
  private static final int A = 9;
  private final Stft stft = new Stft();
  private final ChromaStft chroma = new ChromaStft(SR);

  @Test
  void anA440ToneLightsUpClassA() {
    float[] c = meanChroma(440.0);
    assertEquals(1.0, c[A], 1e-6, "A is every frame's maximum");
    for (int k = 0; k < 12; k++) {
      if (k != A) {
        assertTrue(c[k] < 0.5, "class " + k + " = " + c[k]);
      }
    }
  }

  @Test
  void aCMajorTriadPeaksOnItsThreeNotes() {
    float[] c = meanChroma(261.63, 329.63, 392.00);
    for (int k = 0; k < 12; k++) {
      if (k != C && k != E && k != G) {
        assertTrue(c[k] < Math.min(c[C], Math.min(c[E], c[G])), "class " + k + " = " + c[k]);
      }
    }
  }

  @Test
  void tuningFollowsADetunedToneSoItStaysOnItsClass() {
    // A quarter tone flat of A: without tuning estimation it would split between G# and A.
    double hz = 440.0 * Math.pow(2.0, -0.45 / 12.0);
    float[] c = meanChroma(hz);
    assertEquals(1.0, c[A], 1e-6);
    assertTrue(c[A - 1] < 0.5, "G# = " + c[A - 1]);
  }

  @Test
  void filterBankRowsAreRotatedToStartAtC() {
    ChromaFilterBank bank = new ChromaFilterBank(SR, Stft.N_FFT, 0.0);
    int binOf440 = (int) Math.round(440.0 * Stft.N_FFT / SR);
    int best = 0;
    for (int c = 1; c < 12; c++) {
      if (bank.weight(c, binOf440) > bank.weight(best, binOf440)) {
        best = c;
      }
    }
    assertEquals(A, best);
  }

  @Test
  void oddAndEvenFrameCountsAverageEveryFrame() {
    float[] y = new float[SR];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + i * 0.05) * i / SR));
    }
    Stft.Spectrogram s = stft.forward(y);
    float[] mag = s.magnitude();
    int bins = Stft.BINS;
    // Frame-by-frame means, by hand, for 1, 2 and 3 frames.
    for (int frames = 1; frames <= 3; frames++) {
      float[] part = java.util.Arrays.copyOf(mag, frames * bins);
      float[] expected = new float[12];
      for (int t = 0; t < frames; t++) {
        float[] one = chroma.meanChroma(java.util.Arrays.copyOfRange(mag, t * bins, (t + 1) * bins), 1, 0.1);
        for (int c = 0; c < 12; c++) {
          expected[c] += one[c] / frames;
        }
      }
      float[] got = chroma.meanChroma(part, frames, 0.1);
      for (int c = 0; c < 12; c++) {
        assertEquals(expected[c], got[c], 1e-6, "frames=" + frames + " class " + c);
      }
    }
  }

  @Test
  void silenceGivesZeroChromaNotNaN() {
    Stft.Spectrogram s = stft.forward(new float[SR]);
    float[] c = chroma.meanChroma(s.magnitude(), s.frames());
    for (float v : c) {
      assertEquals(0f, v);
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> chroma.meanChroma(new float[10], 1));
    float[] nan = new float[Stft.BINS];
    nan[5] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> chroma.meanChroma(nan, 1));
    assertThrows(IllegalArgumentException.class, () -> chroma.meanChroma(nan, 1, 0.0));
    assertThrows(
        IllegalArgumentException.class, () -> new ChromaFilterBank(SR, Stft.N_FFT, 0.7));
    assertThrows(
        IllegalArgumentException.class, () -> new ChromaFilterBank(SR, Stft.N_FFT, Double.NaN));
  }

  private float[] meanChroma(double... hz) {
    float[] y = new float[SR * 2];
    for (int i = 0; i < y.length; i++) {
      double v = 0;
      for (double f : hz) {
        v += 0.3 * Math.sin(2 * Math.PI * f * i / SR);
      }
      y[i] = (float) v;
    }
    Stft.Spectrogram s = stft.forward(y);
    return chroma.meanChroma(s.magnitude(), s.frames());
  }
}
