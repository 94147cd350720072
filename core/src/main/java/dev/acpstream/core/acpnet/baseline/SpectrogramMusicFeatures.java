package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.audio.AudioInput;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.dataset.MusicFeatureSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A clip's pooled log-mel spectrogram as its music feature, for the baselines: the clip is decoded
 * to 22050-Hz mono as for the 193-d feature, then {@link LogMelSpectrogram#pooled}.
 */
public final class SpectrogramMusicFeatures implements MusicFeatureSource {

  private final List<LogMelSpectrogram> spectrograms;
  private final DecodeLimits limits;

  public SpectrogramMusicFeatures(LogMelSpectrogram spectrogram, DecodeLimits limits) {
    this(List.of(spectrogram), limits);
  }

  private SpectrogramMusicFeatures(List<LogMelSpectrogram> spectrograms, DecodeLimits limits) {
    this.spectrograms = List.copyOf(spectrograms);
    this.limits = limits;
  }

  /** Both grids of one decode, concatenated ({@code first} then {@code second}): one decode per clip for both baselines. */
  public static SpectrogramMusicFeatures both(LogMelSpectrogram first, LogMelSpectrogram second,
      DecodeLimits limits) {
    return new SpectrogramMusicFeatures(List.of(first, second), limits);
  }

  @Override
  public float[] features(String relativePath, Path file) throws IOException {
    float[] samples = AudioInput.load(file, limits);
    int dim = spectrograms.stream().mapToInt(LogMelSpectrogram::dim).sum();
    float[] out = new float[dim];
    int at = 0;
    for (LogMelSpectrogram s : spectrograms) {
      float[] v = s.pooled(samples);
      System.arraycopy(v, 0, out, at, v.length);
      at += v.length;
    }
    return out;
  }
}
