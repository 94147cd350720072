package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTableTest {

  @Test
  void readsClassesAndImageEmotions(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("labels.csv");
    Files.writeString(f, "# weak labels\nimg/a.jpg,positive\nimg/b.jpg,fear\nimg/c.jpg,Neutral\n");
    Map<String, LabelTable.Label> m = LabelTable.read(f);
    assertEquals(EmotionClass.POSITIVE, m.get("img/a.jpg").emotionClass());
    assertNull(m.get("img/a.jpg").emotion());
    assertEquals(ImageEmotion.FEAR, m.get("img/b.jpg").emotion());
    assertEquals(EmotionClass.NEGATIVE, m.get("img/b.jpg").emotionClass());
    assertEquals(EmotionClass.NEUTRAL, m.get("img/c.jpg").emotionClass());
  }

  @Test
  void namesBadLines(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("labels.csv");
    Files.writeString(f, "a.jpg,positive\nb.jpg,grumpy\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelTable.read(f));
    assertTrue(e.getMessage().contains("line 2: label 'grumpy'"), e.getMessage());
    Files.writeString(f, "a.jpg,positive\na.jpg,negative\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelTable.read(f))
        .getMessage().contains("labelled twice"));
  }
}
