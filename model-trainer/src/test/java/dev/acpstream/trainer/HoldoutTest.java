package dev.acpstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutTest {

  @Test
  void holdsOutAboutTheFractionAlwaysTheSameItems() {
    Holdout h = new Holdout("acp-holdout-1", 0.2);
    List<Boolean> first = IntStream.range(0, 5000).mapToObj(i -> h.containsImage("img-" + i)).toList();
    long held = first.stream().filter(b -> b).count();
    assertTrue(held > 900 && held < 1100, "about 20% of 5000: " + held);
    assertEquals(first, IntStream.range(0, 5000).mapToObj(i -> new Holdout("acp-holdout-1", 0.2)
        .containsImage("img-" + i)).toList(), "the same items every time");
    Holdout other = new Holdout("acp-holdout-2", 0.2);
    assertNotEquals(first, IntStream.range(0, 5000).mapToObj(i -> other.containsImage("img-" + i)).toList(),
        "a new salt draws a new holdout");
  }

  @Test
  void aTracksSegmentsShareItsSide() {
    assertEquals("music:trk", ItemKeys.holdoutUnit("music:trk:3"));
    assertEquals("music:trk", ItemKeys.holdoutUnit("music:trk"));
    assertEquals("image:a:3", ItemKeys.holdoutUnit("image:a:3"));
    assertEquals(new ItemKeys.MusicItem("a:b", 12), ItemKeys.music("a:b:12"));
    assertEquals(new ItemKeys.MusicItem("song:x", -1), ItemKeys.music("song:x"));
    assertEquals(new ItemKeys.MusicItem("song:", -1), ItemKeys.music("song:"));
  }
}
