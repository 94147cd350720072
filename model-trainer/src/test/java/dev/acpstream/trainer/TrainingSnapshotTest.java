package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.dataset.EmotionClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** How labels join features into trainable items, on stores held in maps. */
class TrainingSnapshotTest {

  private final Map<String, TreeMap<String, byte[]>> stores = new HashMap<>();
  private final StoreView view = new StoreView() {
    @Override
    public byte[] get(String store, String key) {
      return stores.getOrDefault(store, new TreeMap<>()).get(key);
    }

    @Override
    public void forEach(String store, BiConsumer<String, byte[]> action) {
      stores.getOrDefault(store, new TreeMap<>()).forEach(action);
    }

    @Override
    public void forEachWithPrefix(String store, String prefix, BiConsumer<String, byte[]> action) {
      stores.getOrDefault(store, new TreeMap<>()).forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          action.accept(k, v);
        }
      });
    }
  };

  @Test
  void aTrackLabelCoversItsSegmentsASegmentLabelOverridesIt() {
    for (int s = 0; s < 3; s++) {
      put(TrainingStores.SEGMENTS, "song:" + s, new float[193]);
    }
    put(TrainingStores.SEGMENTS, "songbook:0", new float[193]);
    label("music:song", false, "song", EmotionClass.POSITIVE);
    label("music:song:2", false, "song:2", EmotionClass.NEGATIVE);
    label("music:unheard", false, "unheard", EmotionClass.NEUTRAL);
    put(TrainingStores.IMAGES, "pic", new float[] {1, 2});
    put(TrainingStores.IMAGES, "pic2", new float[] {3, 4});
    put(TrainingStores.IMAGES, "odd", new float[] {1, 2, 3});
    label("image:pic", true, "pic", EmotionClass.NEUTRAL);
    label("image:pic2", true, "pic2", EmotionClass.POSITIVE);
    label("image:odd", true, "odd", EmotionClass.NEUTRAL);
    label("image:missing", true, "missing", EmotionClass.NEUTRAL);
    stores.computeIfAbsent(TrainingStores.PAIRS, k -> new TreeMap<>()).put(TrainingStores.pairKey("pic", "song"),
        new StoredPair("pic", "song", true).encode());

    TrainingSnapshot s = TrainingSnapshot.read(view, new Holdout("x", 0.2));
    Map<String, Integer> music = new TreeMap<>();
    s.music().forEach(i -> music.put(i.id(), i.label()));
    assertEquals(Map.of("song:0", 2, "song:1", 2, "song:2", 0), music, "songbook is another track");
    assertTrue(s.music().stream().allMatch(i -> i.unit().equals("music:song")));
    assertEquals(List.of("pic", "pic2"), s.images().stream().map(LabelledItem::id).toList(),
        "missing has no features yet; odd has another dimension");
    assertEquals(2, s.imageDim(), "the dimension most images have");
    assertEquals(1, s.skippedItems());
    assertEquals(1, s.feedback().size());
    assertEquals(3, s.feedback().get(0).musicSegments().size(), "a track-level pair is scored on every segment");
  }

  private void label(String key, boolean image, String itemId, EmotionClass c) {
    stores.computeIfAbsent(TrainingStores.LABELS, k -> new TreeMap<>())
        .put(key, new StoredLabel(image, itemId, c, "3class", c.label(), null, 0).encode());
  }

  private void put(String store, String key, float[] v) {
    stores.computeIfAbsent(store, k -> new TreeMap<>()).put(key, TrainingStores.floats(v));
  }
}
