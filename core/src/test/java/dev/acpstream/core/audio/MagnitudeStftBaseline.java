package dev.acpstream.core.audio;

/** MagnitudeStft before the speed round, on {@link RealFftBaseline}: the A/B reference. */
final class MagnitudeStftBaseline {

  private final RealFftBaseline fft = new RealFftBaseline(Stft.N_FFT);
  private final double[] window = Stft.periodicHannF64(Stft.N_FFT);

  MagnitudeStft.Result forward(float[] y) {
    int frames = Stft.frameCount(y.length);
    int bins = Stft.BINS;
    float[] re = new float[frames * bins];
    float[] im = new float[frames * bins];
    float[] mag = new float[frames * bins];
    double[] scratch = new double[fft.scratchLength()];
    int pad = Stft.N_FFT / 2;
    for (int t = 0; t < frames; t++) {
      int o = t * bins;
      fft.forward(y, t * Stft.HOP - pad, window, scratch, re, im, o);
      for (int k = o; k < o + bins; k++) {
        mag[k] = (float) Math.sqrt((double) re[k] * re[k] + (double) im[k] * im[k]);
      }
    }
    return new MagnitudeStft.Result(new Stft.Spectrogram(frames, re, im), mag);
  }
}
