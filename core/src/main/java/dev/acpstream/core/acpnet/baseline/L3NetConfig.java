package dev.acpstream.core.acpnet.baseline;

import java.util.Arrays;
import java.util.Locale;

/**
 * L3-Net's architecture (Arandjelovic and Zisserman, "Look, Listen and Learn", ICCV 2017), scaled
 * down. Each subnetwork is a stack of conv blocks, one per entry of {@code widths}: conv 3x3 (pad
 * 1) - BatchNorm - ReLU, twice, then 2x2 max-pool; after the last block a global max pool gives an
 * embedding of {@code widths[last]} values. The vision subnetwork reads an RGB image of
 * {@code imageSide x imageSide}; the audio subnetwork reads the log-mel spectrogram as a
 * one-channel image of {@code spectrogramBands x spectrogramFrames} (frequency x time). Fusion is
 * L3's: the two embeddings concatenated, FC {@code fusionHidden} - ReLU - FC 2.
 *
 * <p>L3 itself takes 224x224 frames and 257x199 spectrograms through four blocks of widths
 * 64/128/256/512; {@link #scaled()} keeps the four blocks and the doubling but quarters the widths
 * and shrinks the inputs so that it trains on a 2-core CPU.
 */
public record L3NetConfig(int imageSide, int spectrogramBands, int spectrogramFrames, int[] widths,
    int fusionHidden) {

  public L3NetConfig {
    widths = widths.clone();
    if (widths.length == 0) {
      throw new IllegalArgumentException("L3-Net needs at least one conv block");
    }
    for (int w : widths) {
      if (w <= 0) {
        throw new IllegalArgumentException("conv widths must be positive: " + Arrays.toString(widths));
      }
    }
    if (fusionHidden <= 0) {
      throw new IllegalArgumentException("fusion width must be positive: " + fusionHidden);
    }
    // each block halves both sides; a side that reaches 0 leaves nothing to pool
    int min = 1 << widths.length;
    if (imageSide < min || spectrogramBands < min || spectrogramFrames < min) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d conv blocks need inputs of at least %d x %d: image %d x %d, spectrogram %d x %d",
          widths.length, min, min, imageSide, imageSide, spectrogramBands, spectrogramFrames));
    }
  }

  /**
   * What this project trains: 64x64 RGB images ({@link RawPixels#L3}), 64 mel bands x 64 time
   * cells of the 100-ms / 25-ms spectrogram ({@link LogMelSpectrogram#l3}), four blocks of widths
   * 16/32/64/128 (L3's 64..512 divided by four), a 128-d embedding per modality and L3's 128-unit
   * fusion.
   */
  public static L3NetConfig scaled() {
    LogMelSpectrogram s = LogMelSpectrogram.l3(22050);
    return new L3NetConfig(RawPixels.L3.side(), s.bands(), s.timeCells(), new int[] {16, 32, 64, 128}, 128);
  }

  /** Values per image, channel-major ({@link RawPixels}). */
  public int imageDim() {
    return 3 * imageSide * imageSide;
  }

  /** Values per spectrogram, band-major ({@link LogMelSpectrogram#pooled}). */
  public int spectrogramDim() {
    return spectrogramBands * spectrogramFrames;
  }

  public int embeddingDim() {
    return widths[widths.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L3NetConfig c && c.imageSide == imageSide
        && c.spectrogramBands == spectrogramBands && c.spectrogramFrames == spectrogramFrames
        && Arrays.equals(c.widths, widths) && c.fusionHidden == fusionHidden;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(widths) * 31 + imageSide * 7 + spectrogramFrames + fusionHidden;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "L3NetConfig[vision 3x%dx%d, audio 1x%dx%d, conv blocks %s "
        + "(conv3x3-BN-ReLU x2, maxpool 2), global max pool -> %d each, fusion concat %d -> %d -> 2]",
        imageSide, imageSide, spectrogramBands, spectrogramFrames, Arrays.toString(widths),
        embeddingDim(), 2 * embeddingDim(), fusionHidden);
  }
}
