package dev.acpstream.trainer;

import java.util.List;

/**
 * A labelled pair from {@code pairs.labeled} whose features are known. The core trainer learns
 * from class labels only, so these pairs are never trained on and all of them take part in the
 * holdout evaluation; a track-level music id is scored as the mean over its segments.
 */
record FeedbackPair(String imageId, String musicId, float[] image, List<float[]> musicSegments,
    boolean corresponds) {}
