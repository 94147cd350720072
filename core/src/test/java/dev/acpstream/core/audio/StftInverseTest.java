package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StftInverseTest {

  private final Stft stft = new Stft();

  @Test
  void inverseOfForwardReconstructsTheSignal() {
    for (int n : new int[] {220500, 5000, 1500, 1}) {
      float[] y = noise(n, n);
      float[] back = stft.inverse(stft.forward(y), n);
      assertEquals(n, back.length);
      for (int i = 0; i < n; i++) {
        assertEquals(y[i], back[i], 2e-5, "n=" + n + " sample " + i);
      }
    }
  }

  @Test
  void inverseTrimsOrZeroPadsToTheRequestedLength() {
    float[] y = noise(10000, 3);
    Stft.Spectrogram s = stft.forward(y);
    float[] shorter = stft.inverse(s, 4000);
    for (int i = 0; i < 4000; i++) {
      assertEquals(y[i], shorter[i], 2e-5);
    }
    float[] longer = stft.inverse(s, 20000);
    for (int i = 0; i < 10000; i++) {
      assertEquals(y[i], longer[i], 2e-5);
    }
    // Beyond the last frame's reach nothing was added: librosa leaves zeros there.
    for (int i = 10000 + Stft.N_FFT; i < 20000; i++) {
      assertEquals(0f, longer[i]);
    }
  }

  @Test
  void inverseIsLinearInTheSpectrum() {
    float[] y = noise(8000, 11);
    Stft.Spectrogram s = stft.forward(y);
    float[] re = s.re().clone();
    float[] im = s.im().clone();
    for (int i = 0; i < re.length; i++) {
      re[i] *= 0.5f;
      im[i] *= 0.5f;
    }
    float[] half = stft.inverse(new Stft.Spectrogram(s.frames(), re, im), y.length);
    double energy = 0;
    for (int i = 0; i < y.length; i++) {
      assertEquals(0.5 * y[i], half[i], 2e-5);
      energy += half[i] * half[i];
    }
    assertTrue(energy > 0);
  }

  @Test
  void negativeLengthIsRejectedWithItsValue() {
    Stft.Spectrogram s = stft.forward(new float[4096]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stft.inverse(s, -3));
    assertTrue(e.getMessage().contains("-3"), e.getMessage());
  }

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.3 * r.nextGaussian());
    }
    return y;
  }
}
