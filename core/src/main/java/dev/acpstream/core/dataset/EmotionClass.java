package dev.acpstream.core.dataset;

import java.util.Locale;

/**
 * The paper's three emotion classes. Declared from least to most positive: the tag rule breaks
 * ties towards the more positive class, so the order is meaningful.
 */
public enum EmotionClass {
  NEGATIVE,
  NEUTRAL,
  POSITIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EmotionClass parse(String text) {
    for (EmotionClass c : values()) {
      if (c.label().equalsIgnoreCase(text.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown emotion class '" + text + "' (expected negative, neutral or positive)");
  }

  public boolean morePositiveThan(EmotionClass other) {
    return ordinal() > other.ordinal();
  }
}
