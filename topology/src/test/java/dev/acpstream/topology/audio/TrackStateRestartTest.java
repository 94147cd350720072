package dev.acpstream.topology.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.WindowingProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * What the stores hold is all a track needs: a track whose state goes through the record's serde
 * and the sample-block store after every chunk (exactly what a restarted or migrated task reads
 * back) produces the same segments, bit for bit, as one kept in memory. The record stays a few
 * hundred bytes, and the blocks never hold much more than one window of samples.
 */
class TrackStateRestartTest {

  private static final int CHUNK = 9_973; // an odd size, so windows end mid-chunk
  private static final String TRACK = "t";

  @Test
  void stateThroughTheStoresAfterEveryChunkChangesNothing() {
    float[] y = TestAudio.signal(130, 11);
    SegmentAggregator aggregator = new SegmentAggregator(new WindowingProbe());
    KeyValueStore<Bytes, byte[]> blocks = blockStore();

    TrackState memory = new TrackState();
    List<ClosedSegment> expected = new ArrayList<>();
    TrackState stored = attached(new TrackState(), blocks);
    List<ClosedSegment> actual = new ArrayList<>();
    int maxRecord = 0;
    for (int from = 0; from < y.length; from += CHUNK) {
      int n = Math.min(CHUNK, y.length - from);
      expected.addAll(aggregator.accept(memory.progress, y, from, n));
      actual.addAll(aggregator.accept(stored.progress, y, from, n));
      stored = restarted(stored, blocks);
      maxRecord = Math.max(maxRecord, TrackStateSerde.write(stored).length);
      assertTrue(stored.progress.tailLength() <= WindowProgress.WINDOW, "tail holds at most one window");
      long samples = storedFloats(blocks, SampleBlocks.WINDOW_SAMPLES);
      assertTrue(samples >= stored.progress.tailLength() && samples < stored.progress.tailLength() + CHUNK,
          "blocks hold the tail and less than one chunk before it: " + samples + " for a tail of "
              + stored.progress.tailLength());
      assertEquals(stored.progress.windowCount() * MusicFeatures193.DIM, storedFloats(blocks, SampleBlocks.WINDOW_VECTORS),
          "exactly the current segment's window vectors are stored");
    }
    aggregator.endOfStream(memory.progress).ifPresent(expected::add);
    aggregator.endOfStream(stored.progress).ifPresent(actual::add);
    stored = restarted(stored, blocks);

    assertEquals(3, expected.size(), "two full segments and a 10-s partial");
    assertSameSegments(expected, actual);
    assertTrue(maxRecord < 300, "largest track record: " + maxRecord + " bytes");
    assertEquals(0, count(blocks), "an ended track leaves no blocks");
  }

  @Test
  void resampledTrackThroughTheStoresAfterEveryChunkChangesNothing() {
    int rate = 44_100;
    float[] y = TestAudio.signal(70, 12, rate);
    SegmentAggregator aggregator = new SegmentAggregator(new WindowingProbe());
    RateConverter converter = new RateConverter();
    KeyValueStore<Bytes, byte[]> blocks = blockStore();

    TrackState memory = new TrackState();
    memory.inputRate = rate;
    List<ClosedSegment> expected = new ArrayList<>();
    TrackState stored = attached(new TrackState(), blocks);
    stored.inputRate = rate;
    List<ClosedSegment> actual = new ArrayList<>();
    for (int from = 0; from < y.length; from += CHUNK) {
      float[] chunk = Arrays.copyOfRange(y, from, Math.min(y.length, from + CHUNK));
      float[] a = converter.convert(memory, chunk);
      expected.addAll(aggregator.accept(memory.progress, a, 0, a.length));
      float[] b = converter.convert(stored, chunk);
      actual.addAll(aggregator.accept(stored.progress, b, 0, b.length));
      stored = restarted(stored, blocks);
      long kept = storedFloats(blocks, SampleBlocks.RATE_INPUT);
      assertTrue(kept >= stored.rateInput.length() && kept < stored.rateInput.length() + CHUNK,
          "blocks hold the converter's kept input and less than one chunk before it: " + kept);
    }
    float[] a = converter.flush(memory);
    expected.addAll(aggregator.accept(memory.progress, a, 0, a.length));
    aggregator.endOfStream(memory.progress).ifPresent(expected::add);
    float[] b = converter.flush(stored);
    actual.addAll(aggregator.accept(stored.progress, b, 0, b.length));
    aggregator.endOfStream(stored.progress).ifPresent(actual::add);
    stored = restarted(stored, blocks);

    assertEquals(2, expected.size(), "a full segment and a 10-s partial");
    assertSameSegments(expected, actual);
    assertEquals(0, count(blocks));
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
    s.progress.tail.restore(1_000_000, 30_000, 970_000, 990_000);
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
    assertEquals(1_000_000, r.progress.tail.end());
    assertEquals(30_000, r.progress.tail.length());
    assertEquals(970_000, r.progress.tail.firstBlock());
    assertEquals(990_000, r.progress.tail.firstBlockEnd());
  }

  @Test
  void stateWithUnsavedSamplesIsNotSerialized() {
    TrackState s = attached(new TrackState(), blockStore());
    s.progress.tail.append(new float[10], 0, 10);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrackStateSerde.write(s));
    assertTrue(e.getMessage().contains("track 't'"), e.getMessage());
  }

  @Test
  void recordOfTheInlineLayoutIsRefusedByVersion() {
    byte[] v1 = {1, -1, -1, -1, -1};
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrackStateSerde.read(v1));
    assertTrue(e.getMessage().contains("version 1 is not 2"), e.getMessage());
    assertTrue(e.getMessage().contains("reset"), e.getMessage());
  }

  @Test
  void inconsistentTailCountersAreRejected() {
    TrackState s = new TrackState();
    byte[] good = TrackStateSerde.write(s);
    // The last tail's (window vectors') length goes past its end.
    java.nio.ByteBuffer.wrap(good).putInt(good.length - 20, 5);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrackStateSerde.read(good));
    assertTrue(e.getMessage().startsWith("corrupt track state"), e.getMessage());
  }

  @Test
  void missingBlockIsReportedWithTheTrack() {
    KeyValueStore<Bytes, byte[]> blocks = blockStore();
    TrackState s = attached(new TrackState(), blocks);
    float[] y = TestAudio.signal(3, 5);
    s.progress.tail.append(y, 0, TestAudio.RATE);
    s.flushBlocks();
    s.progress.tail.append(y, TestAudio.RATE, TestAudio.RATE);
    s.flushBlocks();
    Bytes first;
    try (KeyValueIterator<Bytes, byte[]> it = blocks.all()) {
      first = it.next().key;
    }
    blocks.delete(first); // the first second is lost
    TrackState r = restarted(s, blocks);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.progress.tail.head(100));
    assertTrue(e.getMessage().contains("track 't'") && e.getMessage().contains("lacks frames [0, 100)"), e.getMessage());
  }

  /** Flushes, then does what a new task does: the record through its serde, attached to the blocks. */
  private static TrackState restarted(TrackState s, KeyValueStore<Bytes, byte[]> blocks) {
    s.flushBlocks();
    TrackStateSerde serde = new TrackStateSerde();
    TrackState r = serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", s));
    return attached(r, blocks);
  }

  private static TrackState attached(TrackState s, KeyValueStore<Bytes, byte[]> blocks) {
    s.attach(blocks, TRACK);
    return s;
  }

  static KeyValueStore<Bytes, byte[]> blockStore() {
    KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("blocks"), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  /** Floats stored in blocks of one kind. */
  static long storedFloats(KeyValueStore<Bytes, byte[]> blocks, byte kind) {
    long n = 0;
    try (KeyValueIterator<Bytes, byte[]> it = blocks.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> e = it.next();
        byte[] k = e.key.get();
        if (k[k.length - 9] == kind) {
          n += SampleBlocks.floats(e.value);
        }
      }
    }
    return n;
  }

  static int count(KeyValueStore<Bytes, byte[]> blocks) {
    int n = 0;
    try (KeyValueIterator<Bytes, byte[]> it = blocks.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static void assertSameSegments(List<ClosedSegment> expected, List<ClosedSegment> actual) {
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
  }
}
