package dev.acpstream.trainer;

import dev.acpstream.core.dataset.EmotionClass;
import dev.acpstream.core.dataset.Quadrant;
import java.util.Locale;

/**
 * The labelling schemes the trainer learns from, mapped to the paper's three classes: {@code
 * 3class} (negative, neutral, positive) and {@code 4q} (Russell quadrants Q1..Q4, mapped as the
 * 4Q dataset code maps them: Q1 positive, Q2 and Q3 negative, Q4 neutral).
 */
final class LabelSchemes {

  static final String THREE_CLASS = "3class";
  static final String FOUR_QUADRANTS = "4q";

  private LabelSchemes() {}

  /**
   * @throws RejectedLabelException UNKNOWN_SCHEME or UNKNOWN_CLASS, naming the value and what is known
   */
  static EmotionClass emotionClass(String scheme, String label) {
    String s = scheme == null ? "" : scheme.strip().toLowerCase(Locale.ROOT);
    try {
      return switch (s) {
        case THREE_CLASS -> EmotionClass.parse(label);
        case FOUR_QUADRANTS -> Quadrant.parse(label).emotionClass();
        default -> throw new RejectedLabelException(RejectedLabelException.Reason.UNKNOWN_SCHEME,
            "unknown label scheme '" + scheme + "' (the trainer learns from " + THREE_CLASS + " and "
                + FOUR_QUADRANTS + ")");
      };
    } catch (IllegalArgumentException e) {
      if (e instanceof RejectedLabelException r) {
        throw r;
      }
      throw new RejectedLabelException(RejectedLabelException.Reason.UNKNOWN_CLASS,
          "scheme " + s + ": " + e.getMessage());
    }
  }
}
