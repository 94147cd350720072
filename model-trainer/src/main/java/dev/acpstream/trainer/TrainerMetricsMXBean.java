package dev.acpstream.trainer;

/**
 * The trainer's metrics over JMX ({@code dev.acpstream:type=Trainer,name=<application id>}), for
 * whatever scrapes the JVM: the same numbers as {@link TrainerStatus}.
 */
public interface TrainerMetricsMXBean {

  /** The champion's version, empty before the first. */
  String getChampionVersion();

  /** The champion's holdout accuracy when it was promoted; NaN before the first. */
  double getHoldoutAccuracy();

  /** End of the last finished run in epoch milliseconds, 0 before the first. */
  long getLastTrainingTimeMillis();

  long getLabelsSeen();

  long getLabelsReady();

  long getRuns();

  long getPublished();

  long getRejectedChallengers();

  long getDeadLetters();

  boolean isTraining();
}
