package dev.acpstream.trainer;

import dev.acpstream.core.acpnet.AcpNetConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training set as it is at the start of a run: every label joined with its item's features,
 * assigned to training or holdout, plus the labelled pairs whose items have features. Items whose
 * features have another dimension than most (a backbone change mid-stream) are left out and
 * counted.
 */
record TrainingSnapshot(List<LabelledItem> images, List<LabelledItem> music,
    List<FeedbackPair> feedback, int imageDim, int skippedItems) {

  static TrainingSnapshot read(StoreView stores, Holdout holdout) {
    List<LabelledItem> images = new ArrayList<>();
    List<LabelledItem> music = new ArrayList<>();
    int[] skipped = {0};
    stores.forEach(TrainingStores.LABELS, (key, bytes) -> {
      StoredLabel l = StoredLabel.decode(bytes);
      String unit = ItemKeys.holdoutUnit(key);
      boolean held = holdout.contains(unit);
      int cls = l.emotion().ordinal();
      if (l.image()) {
        byte[] f = stores.get(TrainingStores.IMAGES, l.itemId());
        if (f != null) {
          images.add(new LabelledItem(l.itemId(), unit, TrainingStores.floats(f), cls, held));
        }
        return;
      }
      ItemKeys.MusicItem m = ItemKeys.music(l.itemId());
      if (m.segment() >= 0) {
        byte[] f = stores.get(TrainingStores.SEGMENTS, m.itemId());
        if (f != null) {
          music.add(new LabelledItem(m.itemId(), unit, TrainingStores.floats(f), cls, held));
        }
        return;
      }
      stores.forEachWithPrefix(TrainingStores.SEGMENTS, m.trackId() + ":", (seg, f) -> {
        // A segment's own label wins over its track's.
        if (ItemKeys.music(seg).trackId().equals(m.trackId())
            && stores.get(TrainingStores.LABELS, ItemKeys.musicLabel(seg)) == null) {
          music.add(new LabelledItem(seg, unit, TrainingStores.floats(f), cls, held));
        }
      });
    });
    int dim = commonDim(images);
    List<LabelledItem> keptImages = new ArrayList<>();
    for (LabelledItem i : images) {
      if (i.features().length == dim) {
        keptImages.add(i);
      } else {
        skipped[0]++;
      }
    }
    List<LabelledItem> keptMusic = new ArrayList<>();
    for (LabelledItem m : music) {
      if (m.features().length == AcpNetConfig.MUSIC_FEATURE_DIM) {
        keptMusic.add(m);
      } else {
        skipped[0]++;
      }
    }
    keptImages.sort(Comparator.comparing(LabelledItem::id));
    keptMusic.sort(Comparator.comparing(LabelledItem::id));

    List<FeedbackPair> feedback = new ArrayList<>();
    stores.forEach(TrainingStores.PAIRS, (key, bytes) -> {
      StoredPair p = StoredPair.decode(bytes);
      byte[] image = stores.get(TrainingStores.IMAGES, p.imageId());
      List<float[]> segs = new ArrayList<>();
      ItemKeys.MusicItem m = ItemKeys.music(p.musicId());
      if (m.segment() >= 0) {
        byte[] f = stores.get(TrainingStores.SEGMENTS, m.itemId());
        if (f != null) {
          segs.add(TrainingStores.floats(f));
        }
      } else {
        stores.forEachWithPrefix(TrainingStores.SEGMENTS, m.trackId() + ":", (seg, f) -> {
          if (ItemKeys.music(seg).trackId().equals(m.trackId())) {
            segs.add(TrainingStores.floats(f));
          }
        });
      }
      segs.removeIf(f -> f.length != AcpNetConfig.MUSIC_FEATURE_DIM);
      if (image != null && TrainingStores.floats(image).length == dim && !segs.isEmpty()) {
        feedback.add(new FeedbackPair(p.imageId(), p.musicId(), TrainingStores.floats(image), segs,
            p.corresponds()));
      }
    });
    feedback.sort(Comparator.comparing(FeedbackPair::imageId).thenComparing(FeedbackPair::musicId));
    return new TrainingSnapshot(keptImages, keptMusic, feedback, dim, skipped[0]);
  }

  private static int commonDim(List<LabelledItem> images) {
    Map<Integer, Integer> counts = new HashMap<>();
    images.forEach(i -> counts.merge(i.features().length, 1, Integer::sum));
    return counts.entrySet().stream()
        .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).orElse(0);
  }

  List<LabelledItem> trainImages() {
    return images.stream().filter(i -> !i.holdout()).toList();
  }

  List<LabelledItem> trainMusic() {
    return music.stream().filter(i -> !i.holdout()).toList();
  }

  List<LabelledItem> holdoutImages() {
    return images.stream().filter(LabelledItem::holdout).toList();
  }

  List<LabelledItem> holdoutMusic() {
    return music.stream().filter(LabelledItem::holdout).toList();
  }
}
