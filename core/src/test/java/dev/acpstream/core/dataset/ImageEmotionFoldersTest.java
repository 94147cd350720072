package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageEmotionFoldersTest {

  @Test
  void regroupsTheEightEmotionsIntoThreeClasses(@TempDir Path dir) throws IOException {
    for (String f : new String[] {"amusement", "awe", "contentment", "excitement", "anger", "disgust",
        "fear", "sad", "neutral"}) {
      Files.createDirectories(dir.resolve(f));
      Files.writeString(dir.resolve(f).resolve("one.jpg"), "x");
      Files.writeString(dir.resolve(f).resolve("notes.txt"), "ignored");
    }
    List<ImageEmotionFolders.LabelledImage> images = ImageEmotionFolders.load(dir);
    assertEquals(9, images.size());
    long positive = images.stream().filter(i -> i.emotionClass() == EmotionClass.POSITIVE).count();
    long negative = images.stream().filter(i -> i.emotionClass() == EmotionClass.NEGATIVE).count();
    assertEquals(4, positive);
    assertEquals(4, negative);
    ImageEmotionFolders.LabelledImage sad = images.stream()
        .filter(i -> i.file().getParent().getFileName().toString().equals("sad")).findFirst().orElseThrow();
    assertEquals(ImageEmotion.SADNESS, sad.emotion());
    ImageEmotionFolders.LabelledImage neutral = images.stream()
        .filter(i -> i.emotionClass() == EmotionClass.NEUTRAL).findFirst().orElseThrow();
    assertNull(neutral.emotion());
  }

  @Test
  void namesAnUnknownFolder(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("joy"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageEmotionFolders.load(dir));
    assertTrue(e.getMessage().contains("'joy' is not an image emotion"), e.getMessage());
  }

  @Test
  void refusesAnEmptyOrMissingDirectory(@TempDir Path dir) {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageEmotionFolders.load(dir))
        .getMessage().contains("no labelled images"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ImageEmotionFolders.load(dir.resolve("absent"))).getMessage().contains("does not exist"));
  }
}
