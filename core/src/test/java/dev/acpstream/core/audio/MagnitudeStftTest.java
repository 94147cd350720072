package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MagnitudeStftTest {

  @Test
  void equalsTheMagnitudeOfTheComplexStftBitForBit() {
    Random r = new Random(5);
    for (int n : new int[] {1, 700, 2048, 2049, 22050}) {
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = (float) r.nextGaussian();
      }
      assertArrayEquals(new Stft().forward(y).magnitude(), new MagnitudeStft().magnitude(y),
          "n=" + n);
    }
  }
}
