package dev.acpstream.topology.audio;

/**
 * A finished segment: its place in the track and the mean of its windows' 193-d vectors.
 *
 * @param partial true when the segment was cut short (end of a track longer than one segment, a
 *     long gap, or an idle timeout) rather than being a full 60 s or a whole short clip
 */
public record ClosedSegment(
    int index, double startSeconds, double durationSeconds, int windows, boolean partial, float[] features) {}
