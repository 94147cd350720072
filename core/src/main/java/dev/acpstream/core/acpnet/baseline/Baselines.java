package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.acpnet.AcpNetConfig;

/**
 * The paper's Table 4 baselines. Spectrogram-ACP is an ACP-Net architecture that
 * {@code AcpNetTrainer} runs; L3-Net is convolutional and has its own trainer
 * ({@link L3NetTrainer}) with the same split, pair sampling, optimiser and early stopping.
 */
public final class Baselines {

  private Baselines() {}

  /**
   * Spectrogram-ACP: ACP-Net unchanged (image subnetwork on the same backbone, fusion) except that
   * the music subnetwork reads a pooled log-spectrogram instead of the 193-d feature.
   */
  public static AcpNetConfig spectrogramAcp(String backboneId, int imageDim, int spectrogramDim) {
    AcpNetConfig paper = AcpNetConfig.paper(backboneId, imageDim);
    return new AcpNetConfig(backboneId, imageDim, spectrogramDim, paper.imageLayers(),
        paper.musicLayers(), paper.fusionLayers(), paper.dropout());
  }

  /**
   * L3-Net (Arandjelovic and Zisserman, "Look, Listen and Learn", ICCV 2017): convolutional vision
   * and audio subnetworks on raw pixels and the 100-ms / 25-ms log-spectrogram, L3's fusion, scaled
   * down to train on a CPU ({@link L3NetConfig#scaled()}, trained by {@link L3NetTrainer}).
   */
  public static L3NetConfig l3Net() {
    return L3NetConfig.scaled();
  }
}
