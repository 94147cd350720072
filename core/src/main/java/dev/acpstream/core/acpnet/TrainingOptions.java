package dev.acpstream.core.acpnet;

/**
 * How ACP-Net is trained. {@link #paper(long)} gives the paper's section 4 settings: Adam with
 * learning rate 1e-4, at most 50 epochs, early stopping on validation accuracy.
 *
 * @param musicPerBatch music items anchoring one batch
 * @param imagesPerClass images drawn per class into each batch's pool
 * @param pairsPerItem pairs per anchor music item per epoch, half true and half false
 * @param patience epochs without a better validation accuracy before stopping
 */
public record TrainingOptions(long seed, int maxEpochs, int patience, float learningRate,
    int musicPerBatch, int imagesPerClass, int pairsPerItem, boolean trainProbes) {

  public TrainingOptions {
    if (maxEpochs < 1 || patience < 1 || musicPerBatch < 1 || imagesPerClass < 1) {
      throw new IllegalArgumentException("epochs, patience and batch sizes must be positive");
    }
    if (pairsPerItem < 2 || pairsPerItem % 2 != 0) {
      throw new IllegalArgumentException("pairs per item must be even (half true, half false): "
          + pairsPerItem);
    }
    if (!(learningRate > 0f)) {
      throw new IllegalArgumentException("learning rate must be positive: " + learningRate);
    }
  }

  public static TrainingOptions paper(long seed) {
    return new TrainingOptions(seed, 50, 10, 1e-4f, 32, 8, 16, true);
  }

  public TrainingOptions withMaxEpochs(int epochs) {
    return new TrainingOptions(seed, epochs, patience, learningRate, musicPerBatch, imagesPerClass,
        pairsPerItem, trainProbes);
  }

  public TrainingOptions withLearningRate(float lr) {
    return new TrainingOptions(seed, maxEpochs, patience, lr, musicPerBatch, imagesPerClass,
        pairsPerItem, trainProbes);
  }

  public TrainingOptions withProbes(boolean probes) {
    return new TrainingOptions(seed, maxEpochs, patience, learningRate, musicPerBatch,
        imagesPerClass, pairsPerItem, probes);
  }
}
