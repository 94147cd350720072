package dev.acpstream.core.dataset;

import java.util.Locale;

/**
 * Russell quadrants of the 4Q dataset, with the project's mapping to the paper's three classes
 * (../shared/data/README.md): Q1 positive, Q2 and Q3 negative, Q4 neutral.
 */
public enum Quadrant {
  Q1(EmotionClass.POSITIVE),
  Q2(EmotionClass.NEGATIVE),
  Q3(EmotionClass.NEGATIVE),
  Q4(EmotionClass.NEUTRAL);

  private final EmotionClass emotionClass;

  Quadrant(EmotionClass emotionClass) {
    this.emotionClass = emotionClass;
  }

  public EmotionClass emotionClass() {
    return emotionClass;
  }

  public static Quadrant parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown quadrant '" + text + "' (expected Q1..Q4)", e);
    }
  }
}
