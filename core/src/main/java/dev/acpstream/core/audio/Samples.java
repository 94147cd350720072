package dev.acpstream.core.audio;

/** Checks on audio sample buffers shared by the tonnetz stages. */
final class Samples {

  private Samples() {}

  /** Rejects NaN and infinite samples, naming the first offending index. */
  static void requireFinite(float[] y) {
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "audio sample " + i + " of " + y.length + " is not finite: " + y[i]);
      }
    }
  }
}
