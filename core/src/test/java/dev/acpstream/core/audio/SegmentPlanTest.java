package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {

  private static final int SR = MusicFeatures193.SAMPLE_RATE;

  @Test
  void shortClipIsOneSegmentOfOneWindow() {
    List<SegmentPlan.Segment> s = SegmentPlan.of(6 * SR + 123);
    assertEquals(1, s.size());
    assertEquals(6 * SR + 123, s.get(0).length());
    assertEquals(1, s.get(0).windowCount());
    assertEquals(6 * SR + 123, s.get(0).windowLength());
    assertFalse(s.get(0).partial());
  }

  @Test
  void clipUnderAMinuteIsOneWholeSegment() {
    List<SegmentPlan.Segment> s = SegmentPlan.of(30 * SR);
    assertEquals(1, s.size());
    assertEquals(5, s.get(0).windowCount()); // 0, 5, 10, 15, 20 s
    assertFalse(s.get(0).partial());
  }

  @Test
  void exactlySixtySeconds() {
    List<SegmentPlan.Segment> s = SegmentPlan.of(60 * SR);
    assertEquals(1, s.size());
    assertEquals(11, s.get(0).windowCount());
    assertFalse(s.get(0).partial());
  }

  @Test
  void hundredSecondsIsOneFullAndOnePartial() {
    List<SegmentPlan.Segment> s = SegmentPlan.of(100 * SR);
    assertEquals(2, s.size());
    assertEquals(11, s.get(0).windowCount());
    assertEquals(60L * SR, s.get(1).start());
    assertEquals(40 * SR, s.get(1).length());
    assertEquals(7, s.get(1).windowCount());
    assertTrue(s.get(1).partial());
  }

  @Test
  void hundredTwentySecondsIsTwoFull() {
    List<SegmentPlan.Segment> s = SegmentPlan.of(120 * SR);
    assertEquals(2, s.size());
    assertTrue(s.stream().noneMatch(SegmentPlan.Segment::partial));
  }

  @Test
  void remainderUnderTenSecondsIsDropped() {
    assertEquals(1, SegmentPlan.of(60 * SR + 10 * SR - 1).size());
    assertEquals(2, SegmentPlan.of(60 * SR + 10 * SR).size());
    assertEquals(0, SegmentPlan.of(0).size());
  }

  /** The windowing fields of every librosa parity reference: segment bounds and window bounds match ours. */
  @Test
  void matchesTheParityReferences() throws IOException {
    Path parity = Path.of(System.getProperty("acp.shared.dir", "../shared"), "data", "parity");
    Assumptions.assumeTrue(Files.isDirectory(parity), "parity references not present at " + parity);
    ObjectMapper json = new ObjectMapper();
    List<Path> refs;
    try (Stream<Path> files = Files.list(parity)) {
      refs = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(refs.isEmpty());
    for (Path ref : refs) {
      JsonNode root = json.readTree(ref.toFile());
      JsonNode win = root.get("segmenting");
      assertEquals(60.0, win.get("segment_s").asDouble());
      assertEquals(10.0, win.get("window_s").asDouble());
      assertEquals(5.0, win.get("hop_s").asDouble());
      List<SegmentPlan.Segment> ours = SegmentPlan.of(root.get("n_samples").asLong());
      JsonNode theirs = root.get("segments");
      assertEquals(theirs.size(), ours.size(), ref.getFileName().toString());
      for (int i = 0; i < ours.size(); i++) {
        SegmentPlan.Segment s = ours.get(i);
        JsonNode t = theirs.get(i);
        assertEquals(t.get("start_sample").asLong(), s.start());
        assertEquals(t.get("end_sample").asLong(), s.start() + s.length());
        assertEquals(t.get("windows").size(), s.windowCount());
        for (int w = 0; w < s.windowCount(); w++) {
          assertEquals(t.get("windows").get(w).get(0).asLong(), s.start() + s.windowOffset(w), ref + " window " + w);
          assertEquals(t.get("windows").get(w).get(1).asLong(), s.start() + s.windowOffset(w) + s.windowLength());
        }
      }
    }
  }
}
