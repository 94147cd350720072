package dev.acpstream.core.acpnet;

/** One epoch of training, as printed and plotted. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy,
    double validationAccuracy, long pairs, double seconds) {

  public double pairsPerSecond() {
    return seconds > 0 ? pairs / seconds : 0;
  }

  public String line() {
    return String.format(java.util.Locale.ROOT,
        "epoch %3d  loss %.4f  train acc %.3f  val acc %.3f  %d pairs in %.1f s (%.0f pairs/s)",
        epoch, trainLoss, trainAccuracy, validationAccuracy, pairs, seconds, pairsPerSecond());
  }
}
