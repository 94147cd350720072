package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FourQDatasetTest {

  private static Path shared4q() {
    String dir = System.getProperty("acp.shared.dir", "../shared");
    return Path.of(dir, "data", "4q");
  }

  @Test
  void loadsTheReal4qDatasetWithBalancedQuadrants() throws IOException {
    Path root = shared4q();
    assumeTrue(Files.isDirectory(root), "4Q dataset not present at " + root + "; skipping");
    FourQDataset d = FourQDataset.load(root);
    assertEquals(900, d.clips().size());
    Map<Quadrant, Long> per = d.clips().stream()
        .collect(Collectors.groupingBy(FourQClip::quadrant, Collectors.counting()));
    for (Quadrant q : Quadrant.values()) {
      assertEquals(225L, per.get(q), q.name());
    }
    FourQClip c = d.clips().stream().filter(x -> x.songId().equals("MT0000040632")).findFirst().orElseThrow();
    assertEquals("Q1/MT0000040632.mp3", c.relativePath());
    assertEquals(EmotionClass.POSITIVE, c.emotionClass());
  }

  @Test
  void mapsQuadrantsToThePapersClasses() {
    assertEquals(EmotionClass.POSITIVE, Quadrant.Q1.emotionClass());
    assertEquals(EmotionClass.NEGATIVE, Quadrant.Q2.emotionClass());
    assertEquals(EmotionClass.NEGATIVE, Quadrant.Q3.emotionClass());
    assertEquals(EmotionClass.NEUTRAL, Quadrant.Q4.emotionClass());
  }

  @Test
  void readsTestListsAndNamesBadLines(@TempDir Path dir) throws IOException {
    Path root = fixture(dir);
    FourQDataset d = FourQDataset.load(root);
    assertEquals(4, d.clips().size());
    Path list = dir.resolve("test.txt");
    Files.writeString(list, "# held out\nQ1/A.mp3\n\n./Q3/C.mp3\n");
    assertEquals(Set.of("Q1/A.mp3", "Q3/C.mp3"), d.readTestList(list));
    Files.writeString(list, "Q1/A.mp3\nQ2/nope.mp3\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.readTestList(list));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("Q2/nope.mp3"), e.getMessage());
  }

  @Test
  void rejectsAClipWhoseFolderContradictsTheAnnotations(@TempDir Path dir) throws IOException {
    Path root = fixture(dir);
    Files.writeString(root.resolve("Q2/A.mp3"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FourQDataset.load(root));
    assertTrue(e.getMessage().contains("folder Q2") && e.getMessage().contains("says Q1"), e.getMessage());
  }

  @Test
  void rejectsMissingPartsByName(@TempDir Path dir) throws IOException {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FourQDataset.load(dir))
        .getMessage().contains(FourQDataset.ANNOTATIONS));
    Path root = fixture(dir);
    Files.writeString(root.resolve(FourQDataset.ANNOTATIONS), "Song,Quadrant\nA,Q5\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FourQDataset.load(root))
        .getMessage().contains("line 2"));
  }

  private static Path fixture(Path dir) throws IOException {
    Path root = dir.resolve("4q");
    String[][] clips = {{"Q1", "A"}, {"Q2", "B"}, {"Q3", "C"}, {"Q4", "D"}};
    StringBuilder csv = new StringBuilder("Song,Quadrant\n");
    for (String[] c : clips) {
      Files.createDirectories(root.resolve(c[0]));
      Files.writeString(root.resolve(c[0]).resolve(c[1] + ".mp3"), "not audio");
      csv.append(c[1]).append(',').append(c[0]).append('\n');
    }
    Files.writeString(root.resolve(FourQDataset.ANNOTATIONS), csv);
    return root;
  }
}
