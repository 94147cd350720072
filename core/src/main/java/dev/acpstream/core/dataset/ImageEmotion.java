package dev.acpstream.core.dataset;

import java.util.Locale;

/**
 * The eight emotions of the Image Emotion database (You et al., AAAI 2016; Mikels' categories),
 * regrouped into the paper's three classes as in its Table 1: the four positive-valence emotions
 * to positive, the four negative-valence emotions to negative. The database has no neutral
 * category; the paper's neutral images came from elsewhere, so a {@code neutral} folder is
 * accepted as-is by {@link ImageEmotionFolders}.
 */
public enum ImageEmotion {
  AMUSEMENT(EmotionClass.POSITIVE),
  AWE(EmotionClass.POSITIVE),
  CONTENTMENT(EmotionClass.POSITIVE),
  EXCITEMENT(EmotionClass.POSITIVE),
  ANGER(EmotionClass.NEGATIVE),
  DISGUST(EmotionClass.NEGATIVE),
  FEAR(EmotionClass.NEGATIVE),
  SADNESS(EmotionClass.NEGATIVE);

  private final EmotionClass emotionClass;

  ImageEmotion(EmotionClass emotionClass) {
    this.emotionClass = emotionClass;
  }

  public EmotionClass emotionClass() {
    return emotionClass;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Folder names as the database ships them ("sad" is the database's spelling of sadness). */
  public static ImageEmotion parseFolder(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.equals("sad")) {
      return SADNESS;
    }
    for (ImageEmotion e : values()) {
      if (e.label().equals(n)) {
        return e;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not one of the eight image emotions");
  }
}
