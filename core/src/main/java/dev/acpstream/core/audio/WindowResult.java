package dev.acpstream.core.audio;

/**
 * The 193-d vector of one window.
 *
 * @param segment the segment it belongs to
 * @param window its index inside the segment
 * @param startS absolute start time in seconds
 * @param durationS its length in seconds (10, or the whole segment when that is shorter)
 * @param features the {@link MusicFeatures193} vector
 */
public record WindowResult(int segment, int window, double startS, double durationS, float[] features) {}
