package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmotionTagRuleTest {

  @Test
  void mostFrequentClassWins() {
    assertEquals(Optional.of(EmotionClass.NEGATIVE),
        EmotionTagRule.label(List.of("sad", "Sad songs", "happy", "rock", "painful memories")));
    assertEquals(Optional.of(EmotionClass.NEUTRAL),
        EmotionTagRule.label(List.of("relaxing", "calm", "chillout", "energetic")));
  }

  @Test
  void aTieGoesToTheMorePositiveClass() {
    assertEquals(Optional.of(EmotionClass.POSITIVE), EmotionTagRule.label(List.of("sad", "happy")));
    assertEquals(Optional.of(EmotionClass.NEUTRAL), EmotionTagRule.label(List.of("sad", "calm")));
    assertEquals(Optional.of(EmotionClass.POSITIVE),
        EmotionTagRule.label(List.of("joyous", "soothing", "pain")));
  }

  @Test
  void tagsWithoutEmotionWordsDoNotVote() {
    assertEquals(Optional.empty(), EmotionTagRule.label(List.of("rock", "painting", "80s")));
    assertEquals(Optional.empty(), EmotionTagRule.label(List.of()));
    assertEquals(Optional.of(EmotionClass.NEGATIVE), EmotionTagRule.classOf("SAD-but-true"));
  }
}
