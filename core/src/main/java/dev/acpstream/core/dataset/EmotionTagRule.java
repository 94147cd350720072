package dev.acpstream.core.dataset;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The paper's rule for labelling music from its tags (IMAC, section 3): each tag that names an
 * emotion votes for that emotion's class; the class with most votes wins; a tie goes to the more
 * positive class. Tags that name no emotion do not vote; a clip with no voting tag has no label.
 *
 * <p>The paper's emotion words were happy/joyous/energetic (positive), soothing/relax/calm
 * (neutral) and sad/pain (negative). A tag votes when one of its words is one of those words or
 * an inflection listed here; matching whole words keeps "painting" or "calmato" from voting.
 */
public final class EmotionTagRule {

  static final Map<EmotionClass, Set<String>> WORDS = Map.of(
      EmotionClass.POSITIVE, Set.of("happy", "happiness", "joy", "joyous", "joyful", "energetic", "energy"),
      EmotionClass.NEUTRAL, Set.of("soothing", "soothe", "relax", "relaxing", "relaxed", "relaxation",
          "calm", "calming"),
      EmotionClass.NEGATIVE, Set.of("sad", "sadness", "pain", "painful"));

  private EmotionTagRule() {}

  /** The class a tag votes for, if it names an emotion. */
  public static Optional<EmotionClass> classOf(String tag) {
    for (String word : tag.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      for (Map.Entry<EmotionClass, Set<String>> e : WORDS.entrySet()) {
        if (e.getValue().contains(word)) {
          return Optional.of(e.getKey());
        }
      }
    }
    return Optional.empty();
  }

  /** The label of a clip from all its tags, or empty when no tag names an emotion. */
  public static Optional<EmotionClass> label(List<String> tags) {
    Map<EmotionClass, Integer> votes = new EnumMap<>(EmotionClass.class);
    for (String t : tags) {
      classOf(t).ifPresent(c -> votes.merge(c, 1, Integer::sum));
    }
    EmotionClass best = null;
    for (Map.Entry<EmotionClass, Integer> e : votes.entrySet()) {
      if (best == null || e.getValue() > votes.get(best)
          || (e.getValue().equals(votes.get(best)) && e.getKey().morePositiveThan(best))) {
        best = e.getKey();
      }
    }
    return Optional.ofNullable(best);
  }
}
