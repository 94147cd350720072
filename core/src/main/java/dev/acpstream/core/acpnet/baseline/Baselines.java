package dev.acpstream.core.acpnet.baseline;

import dev.acpstream.core.acpnet.AcpNetConfig;

/**
 * The paper's Table 4 baselines as architectures the ACP-Net trainer runs, so every model shares
 * the trainer's split, pair sampling, optimiser and early stopping.
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
   * L3-Net (Arandjelovic and Zisserman, "Look, Listen and Learn", ICCV 2017) in fully connected
   * form: a vision subnetwork on raw pixels and an audio subnetwork on the log-spectrogram, each
   * to a 512-d embedding (as L3's), concatenated and fused by a 128-unit layer to 2 classes (L3's
   * fusion). L3's subnetworks are convolutional; here each is two fully connected layers on
   * downsampled inputs ({@link RawPixels#L3}, {@link LogMelSpectrogram#l3}), which keeps its
   * inputs and fusion but not its convolutions.
   */
  public static AcpNetConfig l3Net(String pixelsId, int pixelDim, int spectrogramDim) {
    return new AcpNetConfig(pixelsId, pixelDim, spectrogramDim,
        new int[] {512, 512}, new int[] {512, 512}, new int[] {128, 2}, AcpNetConfig.PAPER_DROPOUT);
  }
}
