package dev.acpstream.core.image;

import java.nio.file.Path;

/** A backbone as the user names it on the command line or in configuration: {@code affect} or {@code tf:PATH}. */
public sealed interface BackboneSpec {

  /** The built-in affective descriptor; needs no weights. */
  record Affect() implements BackboneSpec {
    @Override
    public String toString() {
      return AffectBackbone.ID;
    }
  }

  /** A TensorFlow SavedModel directory run through DJL's TensorFlow engine. */
  record TensorFlow(Path savedModel) implements BackboneSpec {
    @Override
    public String toString() {
      return "tf:" + savedModel;
    }
  }

  static BackboneSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty backbone: expected 'affect' or 'tf:PATH'");
    }
    String s = spec.strip();
    if (s.equals(AffectBackbone.ID)) {
      return new Affect();
    }
    if (s.startsWith("tf:")) {
      String path = s.substring(3);
      if (path.isBlank()) {
        throw new IllegalArgumentException("backbone '" + spec + "' names no SavedModel directory: expected 'affect' or 'tf:PATH'");
      }
      return new TensorFlow(Path.of(path).toAbsolutePath().normalize());
    }
    throw new IllegalArgumentException("unknown backbone '" + spec + "': expected 'affect' or 'tf:PATH'");
  }
}
