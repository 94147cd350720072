package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tonnetz path's shortcuts for HPSS's band-limited harmonic signal ({@link
 * Stft#forwardBandLimited}, {@link HalfRateResampler#halveBandLimited}) against the full
 * computations they replace, on the kind of signal they are used for: the ISTFT of the harmonic
 * band of real-sounding music, abrupt ends included.
 */
class BandLimitedShortcutsTest {

  private static final int SR = MusicFeatures193.SAMPLE_RATE;

  private final Stft stft = new Stft();
  private final HalfRateResampler halver = new HalfRateResampler();

  @Test
  void harmonicBandStaysBelowWhatTheShortcutsAssume() {
    // Bins below CHROMA_BAND_BINS, plus the synthesis window's main lobe (2 bins).
    double edgeHz = (Hpss.CHROMA_BAND_BINS + 2) * (double) SR / Stft.N_FFT;
    assertTrue(Hpss.CHROMA_BAND_BINS + 2 < Stft.N_FFT / 4, "below a quarter of the rate");
    assertTrue(edgeHz < ConstantQ.BAND_LIMITED_HZ, edgeHz + " Hz");
    assertTrue(ConstantQ.BAND_LIMITED_HZ < 0.913 * SR / 4, "inside the halving pass band");
  }

  @Test
  void bandLimitedStftMatchesTheFullTransformOnTheHarmonicBand() {
    float[] h = harmonic(TestAudio.music(10 * SR, 11));
    Stft.Spectrogram full = stft.forward(h);
    Stft.Spectrogram fast = stft.forwardBandLimited(h);
    assertEquals(full.frames(), fast.frames());
    for (int t = 0; t < full.frames(); t++) {
      int o = t * Stft.BINS;
      double peak = 0;
      double err = 0;
      for (int k = 0; k < Stft.BINS; k++) {
        double fr = full.re()[o + k];
        double fi = full.im()[o + k];
        peak = Math.max(peak, Math.hypot(fr, fi));
        err = Math.max(err, Math.hypot(fr - fast.re()[o + k], fi - fast.im()[o + k]));
      }
      assertTrue(err <= 1e-6 * peak + 1e-9, "frame " + t + ": error " + err + " of peak " + peak);
    }
  }

  @Test
  void bandLimitedStftOfAShortSignalIsTheFullTransform() {
    float[] h = harmonic(TestAudio.music(SR / 8, 3)); // no frame 1024 samples clear of both ends
    Stft.Spectrogram full = stft.forward(h);
    Stft.Spectrogram fast = stft.forwardBandLimited(h);
    assertArrayEquals(full.re(), fast.re());
    assertArrayEquals(full.im(), fast.im());
  }

  @Test
  void decimationMatchesTheFilteredHalvingIncludingTheEnds() {
    for (int n : new int[] {10 * SR, 10 * SR + 1, 3001, 1}) {
      float[] h = harmonic(TestAudio.music(n, 5));
      float[] filtered = halver.halve(h);
      float[] decimated = halver.halveBandLimited(h);
      assertEquals(filtered.length, decimated.length, "length for " + n);
      double peak = 0;
      for (float v : filtered) {
        peak = Math.max(peak, Math.abs(v));
      }
      for (int m = 0; m < filtered.length; m++) {
        assertEquals(filtered[m], decimated[m], 2e-6 * peak + 1e-9, "n=" + n + ", sample " + m);
      }
    }
  }

  private static float[] harmonic(float[] y) {
    return new Hpss(Hpss.CHROMA_BAND_BINS).harmonic(y);
  }
}
