package dev.acpstream.core.dataset;

import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.SegmentFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A clip's music feature computed from its audio: the 193-d vector of its first 60-s segment,
 * the paper's unit of music (4Q clips are about 30 s, so that is the whole clip).
 */
public final class AudioMusicFeatures implements MusicFeatureSource {

  private final MusicFeatureExtractor extractor;

  public AudioMusicFeatures(MusicFeatureExtractor extractor) {
    this.extractor = Objects.requireNonNull(extractor, "extractor");
  }

  @Override
  public float[] features(String relativePath, Path file) throws IOException {
    List<SegmentFeatures> segments = extractor.extract(file);
    return segments.get(0).features();
  }
}
