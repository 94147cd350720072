package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.AcpNetModel;
import java.util.Map;

/**
 * The model currently published as champion.
 *
 * @param scorer its plain-Java scorer, or null when its artifact could not be loaded (then any
 *     challenger the holdout can score replaces it)
 */
record Champion(String version, AcpNetModel scorer, Map<String, Double> metrics) {

  /** The ready-label count this trainer recorded when it published the version, or 0. */
  long readyLabels() {
    Double v = metrics.get(TrainingRun.LABELS_READY);
    return v == null || v.isNaN() ? 0 : v.longValue();
  }
}
