package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.audio.MelFilterBank;

/**
 * A clip's log-mel spectrogram, pooled to a fixed grid of mel bands x time cells so that clips of
 * any length give one vector of the same size: each cell is the mean of log(mel power + 1e-6) over
 * the frames falling in that equal share of the clip's duration. The grid keeps the coarse
 * time-frequency layout a spectrogram network sees at a size the networks this project trains fit
 * on two CPU cores (a raw 30-s spectrogram at a 25-ms hop is 1,200 frames).
 *
 * @param windowSamples analysis window length (Hann)
 * @param hopSamples frame step
 * @param fftSize FFT length (power of two, the window zero-padded to it)
 * @param bands mel bands (Slaney mel filters, 0 Hz to Nyquist)
 * @param timeCells equal time divisions the frames are averaged over
 */
public record LogMelSpectrogram(int sampleRate, int windowSamples, int hopSamples, int fftSize,
    int bands, int timeCells) {

  static final double FLOOR = 1e-6;

  public LogMelSpectrogram {
    if (sampleRate <= 0 || windowSamples <= 0 || hopSamples <= 0 || bands <= 0 || timeCells <= 0) {
      throw new IllegalArgumentException("spectrogram sizes must be positive");
    }
    if (Integer.bitCount(fftSize) != 1 || fftSize < windowSamples) {
      throw new IllegalArgumentException("FFT size must be a power of two >= the window");
    }
  }

  /**
   * Spectrogram-ACP's input: the 193-d feature's own front end (22050 Hz, 2048-sample window,
   * 512-sample hop, as librosa's defaults the feature uses), 64 log-mel bands x 4 time cells =
   * 256 values.
   */
  public static LogMelSpectrogram spectrogramAcp(int sampleRate) {
    return new LogMelSpectrogram(sampleRate, 2048, 512, 2048, 64, 4);
  }

  /**
   * L3-Net's input: a 100-ms window with a 25-ms hop (Arandjelovic and Zisserman), zero-padded to
   * a power-of-two FFT, 64 log-mel bands x 64 time cells = 4,096 values, the one-channel image the
   * conv audio subnetwork reads (a 30-s clip's 1,200 frames, about 19 per cell).
   */
  public static LogMelSpectrogram l3(int sampleRate) {
    int window = Math.round(sampleRate * 0.100f);
    int hop = Math.round(sampleRate * 0.025f);
    return new LogMelSpectrogram(sampleRate, window, hop, Integer.highestOneBit(window - 1) << 1, 64, 64);
  }

  public int dim() {
    return bands * timeCells;
  }

  /** A short description for reports. */
  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "log-mel %d bands, window %.1f ms, hop %.1f ms, mean-pooled to %d time cells (%d values)",
        bands, 1000.0 * windowSamples / sampleRate, 1000.0 * hopSamples / sampleRate, timeCells, dim());
  }

  /** The pooled grid, band-major ({@code out[b * timeCells + c]}), of mono samples at {@link #sampleRate}. */
  public float[] pooled(float[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples to analyse");
    }
    PowerSpectrum fft = new PowerSpectrum(windowSamples, fftSize);
    MelFilterBank mel = new MelFilterBank(sampleRate, fftSize, bands, 0.0, sampleRate / 2.0);
    int frames = Math.max(1, 1 + (samples.length - 1) / hopSamples);
    float[] power = new float[fft.bins()];
    float[] melOut = new float[bands];
    double[] sum = new double[dim()];
    int[] count = new int[timeCells];
    for (int t = 0; t < frames; t++) {
      // frames are centred on t * hop, as librosa's center=True does
      fft.frame(samples, t * hopSamples - windowSamples / 2, power);
      mel.apply(power, 1, melOut);
      int cell = (int) ((long) t * timeCells / frames);
      count[cell]++;
      for (int b = 0; b < bands; b++) {
        sum[b * timeCells + cell] += Math.log(melOut[b] + FLOOR);
      }
    }
    float[] out = new float[dim()];
    for (int b = 0; b < bands; b++) {
      for (int c = 0; c < timeCells; c++) {
        // a clip shorter than timeCells frames leaves cells empty: repeat the nearest filled one
        int src = c;
        while (count[src] == 0) {
          src--;
        }
        out[b * timeCells + c] = (float) (sum[b * timeCells + src] / count[src]);
      }
    }
    return out;
  }
}
