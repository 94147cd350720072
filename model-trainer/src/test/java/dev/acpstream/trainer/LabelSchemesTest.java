package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.dataset.EmotionClass;
import org.junit.jupiter.api.Test;

class LabelSchemesTest {

  @Test
  void threeClassLabelsAndQuadrantsMapToThePapersClasses() {
    assertEquals(EmotionClass.POSITIVE, LabelSchemes.emotionClass("3class", "Positive"));
    assertEquals(EmotionClass.NEUTRAL, LabelSchemes.emotionClass("3CLASS", " neutral "));
    assertEquals(EmotionClass.POSITIVE, LabelSchemes.emotionClass("4q", "Q1"));
    assertEquals(EmotionClass.NEGATIVE, LabelSchemes.emotionClass("4q", "q2"));
    assertEquals(EmotionClass.NEGATIVE, LabelSchemes.emotionClass("4q", "Q3"));
    assertEquals(EmotionClass.NEUTRAL, LabelSchemes.emotionClass("4q", "Q4"));
  }

  @Test
  void anUnknownClassOrSchemeIsRejectedWithItsReason() {
    RejectedLabelException c = assertThrows(RejectedLabelException.class,
        () -> LabelSchemes.emotionClass("3class", "joyful"));
    assertEquals(RejectedLabelException.Reason.UNKNOWN_CLASS, c.reason());
    assertTrue(c.getMessage().contains("joyful"), c.getMessage());
    RejectedLabelException q = assertThrows(RejectedLabelException.class,
        () -> LabelSchemes.emotionClass("4q", "Q5"));
    assertEquals(RejectedLabelException.Reason.UNKNOWN_CLASS, q.reason());
    RejectedLabelException s = assertThrows(RejectedLabelException.class,
        () -> LabelSchemes.emotionClass("iaps8", "awe"));
    assertEquals(RejectedLabelException.Reason.UNKNOWN_SCHEME, s.reason());
    assertTrue(s.getMessage().contains("iaps8") && s.getMessage().contains("3class"), s.getMessage());
  }
}
