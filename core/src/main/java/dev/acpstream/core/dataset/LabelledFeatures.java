package dev.acpstream.core.dataset;

import java.util.List;

/**
 * Items of one modality as feature vectors with a class each: the form every trainer here takes.
 * Features are whatever the item's extractor gives (193-d music vectors, a backbone's image
 * vectors); {@code labels[i]} indexes {@code classNames}.
 */
public record LabelledFeatures(List<String> ids, float[][] features, int[] labels,
    List<String> classNames) {

  public LabelledFeatures {
    ids = List.copyOf(ids);
    classNames = List.copyOf(classNames);
    if (ids.size() != features.length || ids.size() != labels.length) {
      throw new IllegalArgumentException("ids, features and labels differ in count: " + ids.size()
          + ", " + features.length + ", " + labels.length);
    }
    int dim = features.length == 0 ? 0 : features[0].length;
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != dim) {
        throw new IllegalArgumentException("item " + ids.get(i) + " has " + features[i].length
            + " features, the first item has " + dim);
      }
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException("item " + ids.get(i) + " has label " + labels[i]
            + " outside the " + classNames.size() + " classes " + classNames);
      }
    }
  }

  public int size() {
    return ids.size();
  }

  public int dim() {
    return features.length == 0 ? 0 : features[0].length;
  }

  public int classCount() {
    return classNames.size();
  }

  public LabelledFeatures subset(int[] indices) {
    String[] sid = new String[indices.length];
    float[][] f = new float[indices.length][];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      sid[i] = ids.get(indices[i]);
      f[i] = features[indices[i]];
      l[i] = labels[indices[i]];
    }
    return new LabelledFeatures(List.of(sid), f, l, classNames);
  }

  /** Items per class, in class order. */
  public int[] classCounts() {
    int[] c = new int[classNames.size()];
    for (int l : labels) {
      c[l]++;
    }
    return c;
  }

  /** The same items labelled with the paper's three classes, via a label-name mapping. */
  public LabelledFeatures toEmotionClasses(java.util.function.Function<String, EmotionClass> map) {
    int[] l = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      l[i] = map.apply(classNames.get(labels[i])).ordinal();
    }
    return new LabelledFeatures(ids, features, l, EMOTION_CLASS_NAMES);
  }

  public static final List<String> EMOTION_CLASS_NAMES =
      java.util.Arrays.stream(EmotionClass.values()).map(EmotionClass::label).toList();
}
