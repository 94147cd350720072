package dev.acpstream.topology.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.SegmentFeatures;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.DeadLetter;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.TopologyHarness;
import dev.acpstream.topology.WindowingProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The assembler end to end in a TopologyTestDriver: whatever the arrival order, duplicates or gaps,
 * the segments equal the file-form extractor's over the audio the track really carried.
 * Extraction uses {@link WindowingProbe}: these tests are about ordering and windowing.
 */
class ChunkAssemblerTest {

  private static final MusicFeatureExtractor OFFLINE =
      new MusicFeatureExtractor(new WindowingProbe(), DecodeLimits.DEFAULT);

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @ParameterizedTest(name = "{0} s in order")
  @ValueSource(doubles = {6.5, 25, 60, 65, 75})
  void inOrderStreamEqualsTheFileForm(double seconds) {
    float[] y = TestAudio.signal(seconds, 1);
    try (TopologyHarness h = new TopologyHarness(props())) {
      TestAudio.chunks("t1", y).forEach(h::send);
      assertSameSegments(OFFLINE.extract(y), h.segments.readKeyValuesToList(), 0, 0);
      assertTrue(h.deadLetters.isEmpty());
    }
  }

  @Test
  void reorderedChunksWithinTheBufferGiveTheSameSegments() {
    float[] y = TestAudio.signal(75, 2);
    List<AudioChunk> chunks = TestAudio.chunks("t2", y);
    List<AudioChunk> shuffled = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i += 6) {
      List<AudioChunk> block = new ArrayList<>(chunks.subList(i, Math.min(chunks.size(), i + 6)));
      java.util.Collections.reverse(block);
      shuffled.addAll(block);
    }
    try (TopologyHarness h = new TopologyHarness(props(TopologyConfig.BUFFER_MAX_CHUNKS, "8"))) {
      shuffled.forEach(h::send);
      assertSameSegments(OFFLINE.extract(y), h.segments.readKeyValuesToList(), 0, 0);
      assertTrue(h.deadLetters.isEmpty());
    }
  }

  @Test
  void duplicatesAreDroppedAndDeadLetteredWhetherAppliedOrWaiting() {
    float[] y = TestAudio.signal(65, 3);
    List<AudioChunk> c = TestAudio.chunks("t3", y);
    try (TopologyHarness h = new TopologyHarness(props())) {
      for (int i = 0; i < 10; i++) {
        h.send(c.get(i));
      }
      h.send(c.get(11));
      h.send(c.get(11)); // duplicate of a waiting chunk
      h.send(c.get(10));
      h.send(c.get(10)); // duplicate of an applied chunk
      h.send(c.get(3)); // an old one again
      c.subList(12, c.size()).forEach(h::send);
      h.send(c.get(c.size() - 1)); // the end-of-stream chunk again, after the end
      List<KeyValue<String, MusicSegmentFeatures>> out = h.segments.readKeyValuesToList();
      assertSameSegments(OFFLINE.extract(y), out, 0, 0);
      List<DeadLetter> letters = h.deadLetters.readValuesToList();
      assertEquals(4, letters.size(), letters.toString());
      String[] expected = {
        "track 't3' chunk 11: duplicate, dropped: seq 11 is waiting in the reorder buffer",
        "track 't3' chunk 10: duplicate, dropped: seq 10 was already applied",
        "track 't3' chunk 3: duplicate, dropped: seq 3 was already applied",
        "track 't3' chunk 64: duplicate, dropped: seq 64 is before the end of the closed track"};
      long[] offsets = {11, 13, 14, 68}; // 15 records, then seqs 12..64 at 15..67, then the end again
      for (int i = 0; i < letters.size(); i++) {
        DeadLetter dl = letters.get(i);
        assertEquals("DUPLICATE_CHUNK", dl.getReason());
        assertEquals("t3", dl.getKey());
        assertEquals(offsets[i], dl.getSourceOffset(), dl.toString());
        assertTrue(dl.getErrorMessage().startsWith(expected[i]), dl.getErrorMessage());
        assertTrue(dl.getPayload() instanceof dev.acpstream.schemas.avro.InlineBytes, "the duplicate itself is kept");
      }
    }
  }

  @Test
  void shortGapIsFilledWithSilence() {
    float[] y = TestAudio.signal(75, 4);
    List<AudioChunk> c = new ArrayList<>(TestAudio.chunks("t4", y));
    c.remove(30); // one lost second
    try (TopologyHarness h = new TopologyHarness(props(
        TopologyConfig.BUFFER_MAX_CHUNKS, "4", TopologyConfig.SHORT_GAP_MAX_MS, "2000"))) {
      c.forEach(h::send);
      float[] expected = TestAudio.silenced(y, 30, 31);
      assertSameSegments(OFFLINE.extract(expected), h.segments.readKeyValuesToList(), 0, 0);
      DeadLetter gap = onlyLetter(h, "GAP_FILLED");
      assertEquals("track 't4': seq 30 lost (the reorder buffer is full): filled with 1.000 s of silence",
          gap.getErrorMessage());
      assertEquals(34L, gap.getSourceOffset(), "seq 35, which found the buffer full, revealed the gap");
    }
  }

  @Test
  void longGapClosesTheSegmentAndTheNextStartsAfterIt() {
    float[] y = TestAudio.signal(75, 5);
    List<AudioChunk> c = new ArrayList<>(TestAudio.chunks("t5", y));
    c.subList(20, 25).clear(); // five lost seconds
    try (TopologyHarness h = new TopologyHarness(props(
        TopologyConfig.BUFFER_MAX_CHUNKS, "4", TopologyConfig.SHORT_GAP_MAX_MS, "2000"))) {
      c.forEach(h::send);
      List<KeyValue<String, MusicSegmentFeatures>> out = h.segments.readKeyValuesToList();
      assertEquals(2, out.size(), out.toString());
      // Before the gap: 20 s, three windows, cut short.
      SegmentFeatures before = OFFLINE.extract(Arrays.copyOfRange(y, 0, 20 * TestAudio.RATE)).get(0);
      assertSegment(before, out.get(0), 0, 0, true);
      // After it: a new segment from 25 s to the end (50 s, nine windows), partial.
      SegmentFeatures after = OFFLINE.extract(Arrays.copyOfRange(y, 25 * TestAudio.RATE, y.length)).get(0);
      assertSegment(after, out.get(1), 1, 25.0, true);
      assertEquals("t5:1", out.get(1).key);
      DeadLetter gap = onlyLetter(h, "GAP_CUT_SEGMENT");
      assertEquals("track 't5': seqs 20..24 lost (the reorder buffer is full): cut the segment: 5.000 s missing,"
          + " the next segment starts after them", gap.getErrorMessage());
      assertEquals(24L, gap.getSourceOffset(), "seq 29, which found the buffer full");
    }
  }

  @Test
  void missingChunkBeforeTheEndIsGivenUpWhenTheTrackGoesIdle() {
    float[] y = TestAudio.signal(25, 6);
    List<AudioChunk> c = new ArrayList<>(TestAudio.chunks("t6", y));
    c.remove(22); // lost, and the buffer (32) never fills: only the idle timeout resolves it
    try (TopologyHarness h = new TopologyHarness(props(TopologyConfig.IDLE_TIMEOUT_MS, "30000"))) {
      c.forEach(h::send);
      assertTrue(h.segments.isEmpty(), "the end waits for the missing chunk");
      assertTrue(h.deadLetters.isEmpty(), "nothing is given up yet");
      h.advanceWallClock(Duration.ofSeconds(31));
      assertSameSegments(OFFLINE.extract(TestAudio.silenced(y, 22, 23)), h.segments.readKeyValuesToList(), 0, 0);
      DeadLetter gap = onlyLetter(h, "GAP_FILLED");
      assertEquals("track 't6': seq 22 lost (the track went idle): filled with 1.000 s of silence", gap.getErrorMessage());
      assertEquals(dev.acpstream.schemas.Topics.MEDIA_AUDIO_CHUNKS.name(), gap.getSourceTopic());
      assertEquals(-1L, gap.getSourceOffset(), "found by the wall-clock sweep: no record to point at");
    }
  }

  @Test
  void idleTrackIsClosedAndLaterChunksAreDeadLettered() {
    float[] y = TestAudio.signal(40, 7);
    List<AudioChunk> c = TestAudio.chunks("t7", y);
    try (TopologyHarness h = new TopologyHarness(props(TopologyConfig.IDLE_TIMEOUT_MS, "10000"))) {
      c.subList(0, 25).forEach(h::send); // the producer stalls after 25 s
      h.advanceWallClock(Duration.ofSeconds(5));
      assertTrue(h.segments.isEmpty(), "not idle for long enough yet");
      h.advanceWallClock(Duration.ofSeconds(6));
      float[] first25 = Arrays.copyOfRange(y, 0, 25 * TestAudio.RATE);
      assertSameSegments(OFFLINE.extract(first25), h.segments.readKeyValuesToList(), 0, 0);
      h.send(c.get(25));
      DeadLetter dl = h.deadLetters.readValue();
      assertEquals("TRACK_CLOSED", dl.getReason());
      assertTrue(dl.getErrorMessage().contains("track 't7' chunk 25"), dl.getErrorMessage());
    }
  }

  @Test
  void closedTracksAreForgottenAfterTheirRetention() {
    float[] y = TestAudio.signal(12, 8);
    try (TopologyHarness h = new TopologyHarness(props(TopologyConfig.CLOSED_TRACK_RETENTION_MS, "60000"))) {
      TestAudio.chunks("t8", y).forEach(h::send);
      var store = h.driver.<String, TrackState>getKeyValueStore(dev.acpstream.topology.AcpTopology.TRACK_STATE_STORE);
      assertTrue(store.get("t8").closed());
      h.advanceWallClock(Duration.ofSeconds(61));
      assertEquals(null, store.get("t8"));
    }
  }

  @Test
  void otherSampleRatesAreConvertedLikeTheFileForm() {
    float[] y = TestAudio.signal(24, 12, 44100);
    try (TopologyHarness h = new TopologyHarness(props())) {
      TestAudio.chunks("cd", y, 44100).forEach(h::send);
      assertSameSegments(OFFLINE.extract(resampled(y, 44100)), h.segments.readKeyValuesToList(), 0, 0);
    }
  }

  @Test
  void shortGapInAResampledTrackIsSilenceBeforeConversion() {
    float[] y = TestAudio.signal(21, 13, 48000);
    List<AudioChunk> c = new ArrayList<>(TestAudio.chunks("dat", y, 48000));
    c.remove(7);
    try (TopologyHarness h = new TopologyHarness(props(TopologyConfig.BUFFER_MAX_CHUNKS, "3"))) {
      c.forEach(h::send);
      float[] withGap = y.clone();
      Arrays.fill(withGap, 7 * 48000, 8 * 48000, 0f);
      assertSameSegments(OFFLINE.extract(resampled(withGap, 48000)), h.segments.readKeyValuesToList(), 0, 0);
    }
  }

  @Test
  void waitingChunkWhoseFormatDiffersFromItsPredecessorBecomesAGap() {
    float[] y = TestAudio.signal(12, 14, 44100);
    List<AudioChunk> c = TestAudio.chunks("mixed", y, 44100);
    try (TopologyHarness h = new TopologyHarness(props())) {
      h.send(TestAudio.builder("mixed", 1, new float[48000], false).setSampleRate(48000).build());
      c.stream().filter(x -> x.getSeq() != 1).forEach(h::send);
      float[] withGap = y.clone();
      Arrays.fill(withGap, 44100, 2 * 44100, 0f);
      assertSameSegments(OFFLINE.extract(resampled(withGap, 44100)), h.segments.readKeyValuesToList(), 0, 0);
      DeadLetter gap = onlyLetter(h, "GAP_FILLED");
      assertTrue(gap.getErrorMessage().startsWith("track 'mixed': seq 1 lost (its format differs from the chunk"
          + " before it: track 'mixed' chunk 1: 48000 Hz, but the track started at 44100 Hz)"), gap.getErrorMessage());
    }
  }

  @Test
  void chunkWaitingPastTheEndOfStreamIsReportedWhenTheTrackEnds() {
    float[] y = TestAudio.signal(6, 15);
    List<AudioChunk> c = TestAudio.chunks("over", y);
    try (TopologyHarness h = new TopologyHarness(props())) {
      h.send(TestAudio.chunk("over", 9, new float[100], false)); // waits: seq 9 may come before the end
      c.forEach(h::send);
      assertSameSegments(OFFLINE.extract(y), h.segments.readKeyValuesToList(), 0, 0);
      DeadLetter dl = onlyLetter(h, "TRACK_CLOSED");
      assertEquals("track 'over' chunk 9: was waiting past the end-of-stream chunk 5, dropped", dl.getErrorMessage());
      assertEquals(6L, dl.getSourceOffset(), "the end-of-stream chunk ended the track");
    }
  }

  private static DeadLetter onlyLetter(TopologyHarness h, String reason) {
    List<KeyValue<String, DeadLetter>> letters = h.deadLetters.readKeyValuesToList();
    assertEquals(1, letters.size(), letters.toString());
    DeadLetter dl = letters.get(0).value;
    assertEquals(reason, dl.getReason(), dl.toString());
    assertTrue(dl.getErrorMessage().contains("track '" + dl.getKey() + "'"), "keyed by the track it names");
    assertEquals(dev.acpstream.schemas.Topics.MEDIA_AUDIO_CHUNKS.name(), letters.get(0).key);
    assertEquals(null, dl.getPayload(), "a report, not a record: nothing to replay");
    return dl;
  }

  /** The file form's conversion: one resampler over the whole input, then finish. */
  static float[] resampled(float[] y, int rate) {
    dev.acpstream.core.audio.Resampler r = new dev.acpstream.core.audio.Resampler(rate, TestAudio.RATE);
    float[][] out = {new float[4096]};
    int[] size = {0};
    dev.acpstream.core.audio.SampleSink sink = (samples, off, len) -> {
      if (size[0] + len > out[0].length) {
        out[0] = Arrays.copyOf(out[0], Math.max(size[0] + len, 2 * out[0].length));
      }
      System.arraycopy(samples, off, out[0], size[0], len);
      size[0] += len;
    };
    r.process(y, 0, y.length, sink);
    r.finish(sink);
    return Arrays.copyOf(out[0], size[0]);
  }

  static void assertSameSegments(
      List<SegmentFeatures> expected, List<KeyValue<String, MusicSegmentFeatures>> actual, int indexOffset, double startOffset) {
    assertEquals(expected.size(), actual.size(), "segments: " + actual);
    for (int i = 0; i < expected.size(); i++) {
      SegmentFeatures e = expected.get(i);
      assertSegment(e, actual.get(i), e.segment() + indexOffset, e.startS() + startOffset, e.partial());
    }
  }

  static void assertSegment(SegmentFeatures e, KeyValue<String, MusicSegmentFeatures> kv, int index, double start, boolean partial) {
    MusicSegmentFeatures a = kv.value;
    assertEquals(a.getTrackId() + ":" + index, kv.key);
    assertEquals(index, a.getSegmentIndex());
    assertEquals(start, a.getStartSeconds(), 1e-9);
    assertEquals(e.durationS(), a.getDurationSeconds(), 1e-9);
    assertEquals(e.windows(), a.getWindows());
    assertEquals(partial, a.getPartial());
    assertEquals("party-1", a.getPairingKey());
    float[] got = new float[a.getFeatures().size()];
    for (int i = 0; i < got.length; i++) {
      got[i] = a.getFeatures().get(i);
    }
    assertArrayEquals(e.features(), got, "segment " + index + " vector");
  }
}
