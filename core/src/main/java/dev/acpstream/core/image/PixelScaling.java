package dev.acpstream.core.image;

/** How 8-bit RGB values become the floats a network was trained on. */
public enum PixelScaling {
  /** {@code v / 127.5 - 1}: Inception-V3, MobileNet, EfficientNet-V2 (Keras "tf" mode). */
  MINUS_ONE_TO_ONE,
  /** {@code v / 255}. */
  ZERO_TO_ONE;

  float apply(float v) {
    return this == MINUS_ONE_TO_ONE ? v / 127.5f - 1f : v / 255f;
  }
}
