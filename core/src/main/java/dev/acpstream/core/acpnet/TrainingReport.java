package dev.acpstream.core.acpnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training run did, epoch by epoch, and what the resulting model measured on held-out
 * items. Written as JSON next to the training-curve PNG.
 */
public record TrainingReport(List<EpochStats> epochs, int bestEpoch, double validationAccuracy,
    double testAccuracy, boolean weaklyLabelledImages, Map<String, Object> trainingData,
    Map<String, Object> metrics) {

  public TrainingReport {
    epochs = List.copyOf(epochs);
    trainingData = Map.copyOf(trainingData);
    metrics = Map.copyOf(metrics);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("best_epoch", bestEpoch);
    m.put("validation_accuracy", validationAccuracy);
    m.put("test_accuracy", testAccuracy);
    m.put("weakly_labelled_images", weaklyLabelledImages);
    if (weaklyLabelledImages) {
      m.put("note", "image classes were assigned by a rule, not by people: accuracies involving "
          + "images measure agreement with that rule, not image-emotion accuracy");
    }
    m.put("training_data", trainingData);
    m.put("metrics", metrics);
    m.put("epochs", epochs.stream().map(e -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", e.epoch());
      row.put("train_loss", e.trainLoss());
      row.put("train_accuracy", e.trainAccuracy());
      row.put("validation_accuracy", e.validationAccuracy());
      row.put("pairs", e.pairs());
      row.put("seconds", e.seconds());
      row.put("pairs_per_second", e.pairsPerSecond());
      return row;
    }).toList());
    return m;
  }

  public void writeJson(Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap());
  }
}
