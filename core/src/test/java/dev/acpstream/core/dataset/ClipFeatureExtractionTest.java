package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipFeatureExtractionTest {

  private static final Path PARITY =
      Path.of(System.getProperty("acp.shared.dir", "../../shared")).resolve("data/parity");

  private final MusicFeatureExtractor extractor =
      new MusicFeatureExtractor(WindowFeatureExtractors.paper193(), DecodeLimits.DEFAULT);

  @Test
  void everyClipGetsItsFirstSegmentVectorInClipOrderWithProgress() throws IOException {
    Path clip = PARITY.resolve("freedesktop_alarm_clock_elapsed_6s.wav");
    Assumptions.assumeTrue(Files.isRegularFile(clip), "parity clips not found under " + PARITY);
    List<FourQClip> clips = new ArrayList<>();
    for (Quadrant q : Quadrant.values()) {
      clips.add(new FourQClip(q.name() + "/alarm.wav", "alarm-" + q, q, clip));
    }
    List<ClipFeatureExtraction.Progress> seen = new CopyOnWriteArrayList<>();
    Map<String, float[]> rows =
        ClipFeatureExtraction.extract(clips, new AudioMusicFeatures(extractor), 2, seen::add);

    assertEquals(clips.stream().map(FourQClip::relativePath).toList(), List.copyOf(rows.keySet()));
    float[] expected = extractor.extract(clip).get(0).features();
    for (float[] v : rows.values()) {
      assertArrayEquals(expected, v);
    }
    assertEquals(4, seen.size());
    assertTrue(seen.stream().anyMatch(p -> p.done() == 4 && p.total() == 4));
  }

  @Test
  void aClipThatCannotBeDecodedIsNamedAndNothingIsReturned(@TempDir Path dir) throws IOException {
    Path good = PARITY.resolve("freedesktop_alarm_clock_elapsed_6s.wav");
    Assumptions.assumeTrue(Files.isRegularFile(good), "parity clips not found under " + PARITY);
    Path bad = Files.write(dir.resolve("broken.mp3"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    List<FourQClip> clips =
        List.of(new FourQClip("Q1/good.wav", "good", Quadrant.Q1, good),
            new FourQClip("Q2/broken.mp3", "broken", Quadrant.Q2, bad));
    IOException e = assertThrows(IOException.class,
        () -> ClipFeatureExtraction.extract(clips, new AudioMusicFeatures(extractor), 2, p -> {}));
    assertTrue(e.getMessage().contains("1 of 2 clips"), e.getMessage());
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }

  @Test
  void refusesZeroThreads() {
    assertThrows(IllegalArgumentException.class,
        () -> ClipFeatureExtraction.extract(List.of(), new AudioMusicFeatures(extractor), 0, p -> {}));
  }
}
