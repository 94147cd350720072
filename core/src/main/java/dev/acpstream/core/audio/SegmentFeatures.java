package dev.acpstream.core.audio;

/**
 * The 193-d vector of one segment: the mean of its windows' vectors.
 *
 * @param segment 0-based index in the clip
 * @param startS start time in seconds
 * @param durationS length in seconds
 * @param windows how many windows were averaged
 * @param partial true for a trailing remainder shorter than 60 s after at least one full segment
 * @param features the {@link MusicFeatures193} vector
 */
public record SegmentFeatures(int segment, double startS, double durationS, int windows, boolean partial, float[] features) {}
