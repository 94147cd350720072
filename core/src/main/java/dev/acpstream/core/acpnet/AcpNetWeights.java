package dev.acpstream.core.acpnet;

import java.util.Optional;

/**
 * Everything numeric a trained ACP-Net holds: standardisation of both inputs, the three networks
 * and the optional emotion probes. Engine-neutral: plain float arrays in torch/DJL layout.
 *
 * @param musicProbe 3-class emotion probe on music embeddings, or null when none was trained
 * @param imageProbe emotion probe on image embeddings (8-class when labelled images were given),
 *     or null
 */
public record AcpNetWeights(
    AcpNetConfig config,
    Standardizer imageNorm,
    Standardizer musicNorm,
    Mlp image,
    Mlp music,
    Mlp fusion,
    EmotionProbe musicProbe,
    EmotionProbe imageProbe) {

  public AcpNetWeights {
    check(imageNorm.dim() == config.imageDim(), "image standardisation has " + imageNorm.dim()
        + " dims, backbone " + config.imageDim());
    check(musicNorm.dim() == config.musicDim(), "music standardisation has " + musicNorm.dim()
        + " dims, expected " + config.musicDim());
    checkShape("image", image, config.imageDim(), config.imageLayers());
    checkShape("music", music, config.musicDim(), config.musicLayers());
    checkShape("fusion", fusion, 2 * config.embeddingDim(), config.fusionLayers());
    check(image.reluOnOutput() && music.reluOnOutput() && !fusion.reluOnOutput(),
        "embeddings end in ReLU and the fusion in logits");
    if (musicProbe != null) {
      check(musicProbe.mlp().in() == config.embeddingDim(), "music probe input width");
    }
    if (imageProbe != null) {
      check(imageProbe.mlp().in() == config.embeddingDim(), "image probe input width");
    }
  }

  public Optional<EmotionProbe> musicProbeIfAny() {
    return Optional.ofNullable(musicProbe);
  }

  public Optional<EmotionProbe> imageProbeIfAny() {
    return Optional.ofNullable(imageProbe);
  }

  public AcpNetWeights withProbes(EmotionProbe music, EmotionProbe image) {
    return new AcpNetWeights(config, imageNorm, musicNorm, this.image, this.music, fusion, music, image);
  }

  private static void checkShape(String name, Mlp mlp, int in, int[] widths) {
    check(mlp.layers().size() == widths.length,
        name + " network has " + mlp.layers().size() + " layers, config says " + widths.length);
    check(mlp.in() == in, name + " network takes " + mlp.in() + " inputs, expected " + in);
    for (int i = 0; i < widths.length; i++) {
      check(mlp.layers().get(i).out() == widths[i],
          name + " layer " + i + " has width " + mlp.layers().get(i).out() + ", config says " + widths[i]);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("inconsistent ACP-Net weights: " + message);
    }
  }
}
