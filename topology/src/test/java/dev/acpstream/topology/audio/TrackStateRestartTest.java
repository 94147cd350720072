package dev.acpstream.topology.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.WindowingProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the store holds is all a track needs: a track whose state goes through the store's serde
 * after every chunk (as a restarted or migrated task would read it back) produces the same
 * segments, bit for bit, as one kept in memory; and that state never grows past one window of samples.
 */
class TrackStateRestartTest {

  private static final int CHUNK = 9_973; // an odd size, so windows end mid-chunk

  @Test
  void stateThroughTheSerdeAfterEveryChunkChangesNothing() {
    float[] y = TestAudio.signal(130, 11);
    SegmentAggregator aggregator = new SegmentAggregator(new WindowingProbe());
    TrackStateSerde serde = new TrackStateSerde();

    TrackState memory = new TrackState();
    List<ClosedSegment> expected = new ArrayList<>();
    TrackState stored = new TrackState();
    List<ClosedSegment> actual = new ArrayList<>();
    int maxBytes = 0;
    for (int from = 0; from < y.length; from += CHUNK) {
      int n = Math.min(CHUNK, y.length - from);
      expected.addAll(aggregator.accept(memory.progress, y, from, n));
      actual.addAll(aggregator.accept(stored.progress, y, from, n));
      byte[] bytes = serde.serializer().serialize("changelog", stored);
      maxBytes = Math.max(maxBytes, bytes.length);
      stored = serde.deserializer().deserialize("changelog", bytes);
      assertTrue(stored.progress.tailLength() <= WindowProgress.WINDOW, "tail holds at most one window");
    }
    aggregator.endOfStream(memory.progress).ifPresent(expected::add);
    aggregator.endOfStream(stored.progress).ifPresent(actual::add);

    assertEquals(3, expected.size(), "two full segments and a 10-s partial");
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      ClosedSegment e = expected.get(i);
      ClosedSegment a = actual.get(i);
      assertEquals(e.index(), a.index());
      assertEquals(e.startSeconds(), a.startSeconds());
      assertEquals(e.durationSeconds(), a.durationSeconds());
      assertEquals(e.windows(), a.windows());
      assertEquals(e.partial(), a.partial());
      assertArrayEquals(e.features(), a.features());
    }
    // One window of float samples (882,000 bytes) plus up to 11 window vectors and bookkeeping.
    assertTrue(maxBytes < 900_000, "largest stored state: " + maxBytes + " bytes");
  }

  @Test
  void sequencingStateRoundTrips() {
    TrackState s = new TrackState();
    s.pairingKey = "party-ü";
    s.nextSeq = 42;
    s.endSeq = 99;
    s.buffered.put(44L, 44_100);
    s.lost.add(45L);
    s.rememberGap(40, 41);
    s.channels = 2;
    s.lastChunkSamples = 22_050;
    s.lastActivityMs = 123;
    s.lastProducedAtMs = 456;
    TrackState r = TrackStateSerde.read(TrackStateSerde.write(s));
    assertEquals("party-ü", r.pairingKey);
    assertEquals(42, r.nextSeq);
    assertEquals(99, r.endSeq);
    assertEquals(44_100, r.buffered.get(44L));
    assertTrue(r.lost.contains(45L));
    assertTrue(r.inGap(40) && !r.inGap(41));
    assertEquals(2, r.channels);
    assertEquals(22_050, r.lastChunkSamples);
    assertEquals(123, r.lastActivityMs);
    assertEquals(456, r.lastProducedAtMs);
    assertEquals(-1, r.closedAtMs);
  }
}
