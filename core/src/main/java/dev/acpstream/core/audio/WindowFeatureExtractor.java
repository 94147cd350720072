package dev.acpstream.core.audio;

/**
 * Computes the 193-d vector ({@link MusicFeatures193} layout) of one window of mono samples at
 * {@link MusicFeatures193#SAMPLE_RATE}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface WindowFeatureExtractor {
  float[] extract(float[] window);
}
