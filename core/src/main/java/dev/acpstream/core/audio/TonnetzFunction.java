package dev.acpstream.core.audio;

/**
 * The tonnetz group of the 193-d vector: the mean over frames of the 6 tonal-centroid values of
 * one window of mono samples at {@link MusicFeatures193#SAMPLE_RATE}. It runs on the harmonic part
 * of the signal with its own transforms, so it shares nothing with the STFT-based groups; the
 * tonnetz implementation ({@code Tonnetz::meanTonnetz}) plugs in here. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface TonnetzFunction {
  float[] meanTonnetz(float[] window);
}
