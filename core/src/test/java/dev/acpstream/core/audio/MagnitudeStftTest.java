package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MagnitudeStftTest {

  @Test
  void equalsTheTwoStepStftAndMagnitudeBitForBit() {
    Random r = new Random(5);
    for (int n : new int[] {1, 700, 2048, 2049, 22050}) {
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = (float) r.nextGaussian();
      }
      Stft.Spectrogram expected = new Stft().forward(y);
      MagnitudeStft.Result got = new MagnitudeStft().forward(y);
      assertEquals(expected.frames(), got.spectrogram().frames(), "n=" + n);
      assertArrayEquals(expected.re(), got.spectrogram().re(), "re n=" + n);
      assertArrayEquals(expected.im(), got.spectrogram().im(), "im n=" + n);
      assertArrayEquals(expected.magnitude(), got.magnitude(), "magnitude n=" + n);
    }
  }
}
