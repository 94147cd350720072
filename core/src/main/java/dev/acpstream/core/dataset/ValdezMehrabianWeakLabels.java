package dev.acpstream.core.dataset;

import dev.acpstream.core.image.AffectDescriptor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Weak emotion classes for unlabelled photos, from the Valdez-Mehrabian pleasure of their colour
 * (P = 0.69 V + 0.22 S from mean HSV value and saturation, Valdez &amp; Mehrabian 1994, already a
 * component of the {@code affect} descriptor). The photos are ranked by P; the lowest third is
 * negative, the middle third neutral, the top third positive (ties broken by id, so the labels are
 * repeatable). Thirds rather than fixed cut-offs because P's scale depends on the photo
 * collection, and balanced classes keep the correspondence task's chance level at one half.
 *
 * <p>These labels are a rule, not people's judgement: anything measured with them is marked
 * {@link #MARK} and is never an image-emotion accuracy.
 */
public final class ValdezMehrabianWeakLabels {

  /** How every report names these labels. */
  public static final String MARK = "weak (Valdez-Mehrabian rule)";

  private static final int PLEASURE = AffectDescriptor.offset("pleasure_arousal_dominance");

  private ValdezMehrabianWeakLabels() {}

  /** Pleasure of one {@code affect} descriptor vector. */
  public static float pleasure(float[] affect) {
    if (affect.length != AffectDescriptor.DIM) {
      throw new IllegalArgumentException("the rule needs the " + AffectDescriptor.DIM
          + "-d affect descriptor, got " + affect.length + " values");
    }
    return affect[PLEASURE];
  }

  /** Three-class labels ({@link LabelledFeatures#EMOTION_CLASS_NAMES}) for the photos' affect vectors. */
  public static int[] classify(List<String> ids, float[][] affect) {
    if (ids.size() != affect.length) {
      throw new IllegalArgumentException("ids and descriptors differ in count");
    }
    float[] p = new float[affect.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = pleasure(affect[i]);
    }
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> p[i]).thenComparing(ids::get));
    int[] labels = new int[p.length];
    for (int rank = 0; rank < order.length; rank++) {
      int third = (int) ((long) rank * 3 / order.length);
      EmotionClass c = third == 0 ? EmotionClass.NEGATIVE : third == 1 ? EmotionClass.NEUTRAL : EmotionClass.POSITIVE;
      labels[order[rank]] = c.ordinal();
    }
    return labels;
  }
}
