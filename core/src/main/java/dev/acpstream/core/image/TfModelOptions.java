package dev.acpstream.core.image;

/**
 * How to call a SavedModel. Defaults fit a Keras Inception-V3 exported with {@code include_top=False,
 * pooling='avg'}: signature {@code serving_default}, its only input {@code [N,299,299,3]} RGB in [-1,1], its only
 * output {@code [N,2048]}.
 *
 * @param tags meta-graph tags, comma separated
 * @param inputName signature input key, or null for "the only input"
 * @param outputName signature output key, or null for "the only output"
 * @param maxBatch images per session run; longer lists are split
 */
public record TfModelOptions(String signature, String tags, String inputName, String outputName, int height,
    int width, PixelScaling scaling, int maxBatch) {

  public static final TfModelOptions INCEPTION_V3 =
      new TfModelOptions("serving_default", "serve", null, null, 299, 299, PixelScaling.MINUS_ONE_TO_ONE, 16);

  public TfModelOptions {
    if (height <= 0 || width <= 0 || maxBatch <= 0) {
      throw new IllegalArgumentException("TF input " + height + "x" + width + ", batch " + maxBatch + " must be positive");
    }
  }

  public TfModelOptions withNames(String newInput, String newOutput) {
    return new TfModelOptions(signature, tags, newInput, newOutput, height, width, scaling, maxBatch);
  }

  public TfModelOptions withSize(int newHeight, int newWidth) {
    return new TfModelOptions(signature, tags, inputName, outputName, newHeight, newWidth, scaling, maxBatch);
  }

  public TfModelOptions withScaling(PixelScaling newScaling) {
    return new TfModelOptions(signature, tags, inputName, outputName, height, width, newScaling, maxBatch);
  }

  public TfModelOptions withMaxBatch(int newMaxBatch) {
    return new TfModelOptions(signature, tags, inputName, outputName, height, width, scaling, newMaxBatch);
  }

  public TfModelOptions withSignature(String newSignature) {
    return new TfModelOptions(newSignature, tags, inputName, outputName, height, width, scaling, maxBatch);
  }
}
