package dev.acpstream.core.dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a clip's 193-d music feature comes from: the audio extractor (the paper's segment
 * vector) or a precomputed {@link FeatureTable}. Datasets and trainers see only this.
 */
@FunctionalInterface
public interface MusicFeatureSource {

  /**
   * @param relativePath the clip's path relative to its dataset root ('/'-separated)
   * @param file the clip on disk
   */
  float[] features(String relativePath, Path file) throws IOException;
}
