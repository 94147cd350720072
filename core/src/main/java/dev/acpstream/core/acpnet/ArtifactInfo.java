package dev.acpstream.core.acpnet;

import java.time.Instant;
import java.util.Map;

/**
 * What an artifact says about how its model came to be.
 *
 * @param weaklyLabelledImages true when the image side was trained on rule-assigned (weak) labels
 *     rather than human emotion labels: such a model's image-side numbers are not a measured
 *     image-emotion accuracy and must never be shown as one
 * @param trainingData counts, split, seed, sources: free-form, JSON-serialisable values
 * @param metrics accuracies and losses: free-form, JSON-serialisable values
 */
public record ArtifactInfo(Instant createdAt, boolean weaklyLabelledImages,
    Map<String, Object> trainingData, Map<String, Object> metrics) {

  public ArtifactInfo {
    trainingData = Map.copyOf(trainingData);
    metrics = Map.copyOf(metrics);
  }
}
