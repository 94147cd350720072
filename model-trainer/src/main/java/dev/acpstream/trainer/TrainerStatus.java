package dev.acpstream.trainer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the trainer exposes: the champion's version and holdout accuracy, when it last trained,
 * how many labels it has seen (valid ones) and how many are ready (joined with features), and
 * what its runs decided.
 *
 * @param championVersion null until a champion exists
 * @param holdoutAccuracy the champion's accuracy on the holdout it was promoted on (NaN if none)
 * @param lastTrainingAt end of the last finished run, null before the first
 * @param lastOutcome published, rejected, skipped or failed, with a reason; null before the first run
 */
public record TrainerStatus(String championVersion, double holdoutAccuracy, Instant lastTrainingAt,
    long labelsSeen, long labelsReady, long runs, long published, long rejected,
    long deadLetters, boolean training, String lastOutcome) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("champion_version", championVersion);
    m.put("holdout_accuracy", Double.isNaN(holdoutAccuracy) ? null : holdoutAccuracy);
    m.put("last_training_at", lastTrainingAt == null ? null : lastTrainingAt.toString());
    m.put("labels_seen", labelsSeen);
    m.put("labels_ready", labelsReady);
    m.put("runs", runs);
    m.put("published", published);
    m.put("rejected_challengers", rejected);
    m.put("dead_letters", deadLetters);
    m.put("training", training);
    m.put("last_outcome", lastOutcome);
    return m;
  }
}
