package dev.acpstream.core.acpnet;

import java.util.Arrays;

/**
 * The architecture of ACP-Net (Verma, Dhekane, Guha, ICASSP 2019): an image subnetwork of two
 * fully connected layers to a 1024-d embedding, a music subnetwork of four to a 1024-d embedding,
 * and a fusion network of four over the concatenated 2048-d vector to two classes (false, true
 * correspondence); ReLU after every hidden layer, dropout 0.4 in training.
 *
 * <p>The paper fixes the embedding widths and layer counts; the intermediate widths below are this
 * project's choice. The fusion widths are kept narrow on purpose: fusion-only scoring of a pair
 * costs about (fusion[1] x fusion[0]) multiply-adds once the first fusion layer is split per side.
 */
public record AcpNetConfig(
    String backboneId,
    int imageDim,
    int musicDim,
    int[] imageLayers,
    int[] musicLayers,
    int[] fusionLayers,
    float dropout) {

  public static final int EMBEDDING_DIM = 1024;
  public static final int MUSIC_FEATURE_DIM = 193;
  public static final float PAPER_DROPOUT = 0.4f;

  public AcpNetConfig {
    imageLayers = imageLayers.clone();
    musicLayers = musicLayers.clone();
    fusionLayers = fusionLayers.clone();
    if (backboneId == null || backboneId.isBlank()) {
      throw new IllegalArgumentException("a backbone id is required (the image features' origin)");
    }
    if (imageDim <= 0 || musicDim <= 0) {
      throw new IllegalArgumentException("input dimensions must be positive: image " + imageDim
          + ", music " + musicDim);
    }
    if (imageLayers.length == 0 || musicLayers.length == 0 || fusionLayers.length == 0) {
      throw new IllegalArgumentException("every subnetwork needs at least one layer");
    }
    int imageOut = imageLayers[imageLayers.length - 1];
    int musicOut = musicLayers[musicLayers.length - 1];
    if (imageOut != musicOut) {
      throw new IllegalArgumentException("image and music embeddings must have the same width: "
          + imageOut + " vs " + musicOut);
    }
    if (fusionLayers[fusionLayers.length - 1] != 2) {
      throw new IllegalArgumentException("the fusion network ends in 2 classes (false, true), not "
          + fusionLayers[fusionLayers.length - 1]);
    }
    for (int[] layers : new int[][] {imageLayers, musicLayers, fusionLayers}) {
      for (int w : layers) {
        if (w <= 0) {
          throw new IllegalArgumentException("layer widths must be positive: " + Arrays.toString(layers));
        }
      }
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
    }
  }

  /** The paper's layer counts and embedding width for a backbone of the given output size. */
  public static AcpNetConfig paper(String backboneId, int imageDim) {
    return new AcpNetConfig(
        backboneId,
        imageDim,
        MUSIC_FEATURE_DIM,
        new int[] {EMBEDDING_DIM, EMBEDDING_DIM},
        new int[] {256, 512, EMBEDDING_DIM, EMBEDDING_DIM},
        new int[] {512, 64, 32, 2},
        PAPER_DROPOUT);
  }

  public int embeddingDim() {
    return imageLayers[imageLayers.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AcpNetConfig c
        && c.backboneId.equals(backboneId)
        && c.imageDim == imageDim
        && c.musicDim == musicDim
        && Arrays.equals(c.imageLayers, imageLayers)
        && Arrays.equals(c.musicLayers, musicLayers)
        && Arrays.equals(c.fusionLayers, fusionLayers)
        && c.dropout == dropout;
  }

  @Override
  public int hashCode() {
    return backboneId.hashCode() * 31 + Arrays.hashCode(fusionLayers);
  }

  @Override
  public String toString() {
    return "AcpNetConfig[backbone=" + backboneId + ", image " + imageDim + " -> "
        + Arrays.toString(imageLayers) + ", music " + musicDim + " -> " + Arrays.toString(musicLayers)
        + ", fusion " + Arrays.toString(fusionLayers) + ", dropout " + dropout + "]";
  }
}
