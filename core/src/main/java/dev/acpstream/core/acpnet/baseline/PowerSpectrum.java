package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.audio.RealFft;

/**
 * Power spectrum of one Hann-windowed frame, on the project's FFT ({@link RealFft}). The window
 * may be shorter than the FFT (e.g. L3-Net's 100-ms window in a 4096-point transform): it is
 * zero-padded at its end.
 */
final class PowerSpectrum {

  private final RealFft fft;
  private final double[] window;
  private final double[] scratch;
  private final float[] re;
  private final float[] im;

  PowerSpectrum(int windowSamples, int fftSize) {
    if (Integer.bitCount(fftSize) != 1 || fftSize < windowSamples) {
      throw new IllegalArgumentException("FFT size must be a power of two >= the window: "
          + fftSize + " < " + windowSamples);
    }
    this.fft = new RealFft(fftSize);
    this.window = new double[fftSize];
    for (int i = 0; i < windowSamples; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowSamples);
    }
    this.scratch = new double[fft.scratchLength()];
    this.re = new float[bins()];
    this.im = new float[bins()];
  }

  int bins() {
    return window.length / 2 + 1;
  }

  /** Power of bins 0..fftSize/2 of the frame starting at {@code start} (zero beyond the signal). */
  void frame(float[] y, int start, float[] power) {
    fft.forward(y, start, window, scratch, re, im, 0);
    for (int k = 0; k < power.length; k++) {
      power[k] = re[k] * re[k] + im[k] * im[k];
    }
  }
}
