package dev.acpstream.core.audio;

/** The one check every frame-major spectrogram input gets: its length is frames x bins. */
final class SpectrogramShape {

  private SpectrogramShape() {}

  /** @throws IllegalArgumentException naming {@code what} when the shape does not fit */
  static void require(String what, int length, int frames, int bins) {
    if (frames <= 0 || (long) frames * bins != length) {
      throw new IllegalArgumentException(
          what + " of length " + length + " does not hold " + frames + " frames of " + bins + " bins");
    }
  }
}
