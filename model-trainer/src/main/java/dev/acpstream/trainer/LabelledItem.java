package dev.acpstream.trainer;

/**
 * One trainable item: an image or a music segment with its features and class.
 *
 * @param unit the holdout unit ({@code image:<id>} or {@code music:<trackId>})
 */
record LabelledItem(String id, String unit, float[] features, int label, boolean holdout) {}
