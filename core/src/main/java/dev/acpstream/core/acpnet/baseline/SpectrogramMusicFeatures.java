package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.audio.AudioInput;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.dataset.MusicFeatureSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A clip's pooled log-mel spectrogram as its music feature, for the baselines: the clip is decoded
 * to 22050-Hz mono as for the 193-d feature, then {@link LogMelSpectrogram#pooled}.
 */
public final class SpectrogramMusicFeatures implements MusicFeatureSource {

  private final LogMelSpectrogram spectrogram;
  private final DecodeLimits limits;

  public SpectrogramMusicFeatures(LogMelSpectrogram spectrogram, DecodeLimits limits) {
    this.spectrogram = spectrogram;
    this.limits = limits;
  }

  @Override
  public float[] features(String relativePath, Path file) throws IOException {
    return spectrogram.pooled(AudioInput.load(file, limits));
  }
}
