package dev.acpstream.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental form against the offline form ({@link MusicFeatureExtractor#extract(float[])},
 * which plans windows from the full length), with {@link WindowStatsExtractor} standing in for the
 * 193-d extractor: this exercises segmenting and windowing, not the paper's features.
 */
class IncrementalMusicFeaturesTest {

  private static final int SR = MusicFeatures193.SAMPLE_RATE;
  private final WindowFeatureExtractor stats = new WindowStatsExtractor();
  /** One 130-s test signal; each test takes a prefix (generating it is the slow part). */
  private static final float[] SIGNAL = TestAudio.music(130 * SR, 7);

  private static float[] signal(int n) {
    return java.util.Arrays.copyOf(SIGNAL, n);
  }

  private static final class Recorder implements IncrementalMusicFeatures.Listener {
    final List<WindowResult> windows = new ArrayList<>();
    final List<SegmentFeatures> segments = new ArrayList<>();

    @Override
    public void onWindow(WindowResult w) {
      windows.add(w);
    }

    @Override
    public void onSegment(SegmentFeatures s) {
      segments.add(s);
    }
  }

  private Recorder feed(float[] y, Random blocks, IncrementalMusicFeatures.Listener extra, ExecutorService pool) {
    Recorder r = new Recorder();
    IncrementalMusicFeatures.Listener both = new IncrementalMusicFeatures.Listener() {
      @Override
      public void onWindow(WindowResult w) {
        r.onWindow(w);
      }

      @Override
      public void onSegment(SegmentFeatures s) {
        r.onSegment(s);
      }
    };
    IncrementalMusicFeatures inc = pool == null ? new IncrementalMusicFeatures(stats, both) : new IncrementalMusicFeatures(stats, both, pool, 3);
    int i = 0;
    while (i < y.length) {
      int n = Math.min(y.length - i, 1 + blocks.nextInt(blocks.nextBoolean() ? 700 : 200_000));
      inc.accept(y, i, n);
      i += n;
    }
    inc.finish();
    return r;
  }

  private static void assertSameSegments(List<SegmentFeatures> expected, List<SegmentFeatures> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      SegmentFeatures e = expected.get(i);
      SegmentFeatures a = actual.get(i);
      assertEquals(e.segment(), a.segment());
      assertEquals(e.startS(), a.startS());
      assertEquals(e.durationS(), a.durationS());
      assertEquals(e.windows(), a.windows());
      assertEquals(e.partial(), a.partial());
      assertArrayEquals(e.features(), a.features(), "segment " + i + " bit-identical");
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {6.0, 9.99, 10.0, 37.3, 60.0, 65.0, 100.0, 130.0})
  void incrementalEqualsFileFormForRandomBlockSizes(double seconds) {
    float[] y = signal((int) Math.round(seconds * SR));
    List<SegmentFeatures> offline = new MusicFeatureExtractor(stats, DecodeLimits.DEFAULT).extract(y);
    for (long seed = 1; seed <= 2; seed++) {
      assertSameSegments(offline, feed(y, new Random(seed), null, null).segments);
    }
  }

  @Test
  void segmentCountsAndFlags() {
    MusicFeatureExtractor x = new MusicFeatureExtractor(stats, DecodeLimits.DEFAULT);
    List<SegmentFeatures> s100 = x.extract(signal(100 * SR));
    assertEquals(List.of(11, 7), s100.stream().map(SegmentFeatures::windows).toList());
    assertEquals(List.of(false, true), s100.stream().map(SegmentFeatures::partial).toList());
    assertEquals(40.0, s100.get(1).durationS());
    assertEquals(60.0, s100.get(1).startS());
    assertEquals(2, x.extract(signal(120 * SR)).size());
    List<SegmentFeatures> s6 = x.extract(signal(6 * SR));
    assertEquals(1, s6.size());
    assertEquals(1, s6.get(0).windows());
    assertEquals(6.0, s6.get(0).durationS());
  }

  @Test
  void windowsAreEmittedAsSoonAsTheyAreComplete() {
    Recorder r = new Recorder();
    IncrementalMusicFeatures inc = new IncrementalMusicFeatures(stats, r);
    float[] y = signal(61 * SR);
    inc.accept(y, 0, 10 * SR - 1);
    assertEquals(0, r.windows.size());
    inc.accept(y, 10 * SR - 1, 1);
    assertEquals(1, r.windows.size());
    inc.accept(y, 10 * SR, 5 * SR);
    assertEquals(2, r.windows.size());
    assertEquals(5.0, r.windows.get(1).startS());
    inc.accept(y, 15 * SR, 45 * SR);
    assertEquals(11, r.windows.size());
    assertEquals(1, r.segments.size(), "the full segment is out at 60 s, before finish()");
    inc.accept(y, 60 * SR, SR);
    inc.finish();
    assertEquals(1, r.segments.size(), "a 1-s remainder is dropped");
  }

  /** Each window's vector, and the segment vector as their mean, match a direct computation. */
  @Test
  void windowVectorsAreTheExtractorsOnTheRightSamples() {
    float[] y = signal(70 * SR);
    Recorder r = feed(y, new Random(9), null, null);
    assertEquals(11 + 1, r.windows.size());
    for (WindowResult w : r.windows) {
      int from = (int) Math.round(w.startS() * SR);
      assertArrayEquals(stats.extract(java.util.Arrays.copyOfRange(y, from, from + 10 * SR)), w.features());
    }
    assertEquals(2, r.segments.size());
    assertTrue(r.segments.get(1).partial());
  }

  @Test
  void parallelWindowsGiveIdenticalResultsInOrder() {
    float[] y = signal(130 * SR);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Recorder serial = feed(y, new Random(1), null, null);
      Recorder parallel = feed(y, new Random(2), null, pool);
      assertSameSegments(serial.segments, parallel.segments);
      assertEquals(serial.windows.size(), parallel.windows.size());
      for (int i = 0; i < serial.windows.size(); i++) {
        assertEquals(serial.windows.get(i).startS(), parallel.windows.get(i).startS());
        assertArrayEquals(serial.windows.get(i).features(), parallel.windows.get(i).features());
      }
      assertSameSegments(serial.segments, new MusicFeatureExtractor(stats, DecodeLimits.DEFAULT, pool, 2).extract(y));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void silenceGivesFiniteValues() {
    List<SegmentFeatures> s = new MusicFeatureExtractor(stats, DecodeLimits.DEFAULT).extract(new float[75 * SR]);
    for (SegmentFeatures f : s) {
      for (float v : f.features()) {
        assertTrue(Float.isFinite(v));
      }
    }
  }
}
