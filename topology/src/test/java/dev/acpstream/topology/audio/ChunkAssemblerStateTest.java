package dev.acpstream.topology.audio;

import static dev.acpstream.topology.audio.ChunkAssemblerTest.assertSameSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.AcpTopology;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.TopologyHarness;
import dev.acpstream.topology.WindowingProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The assembler's state layout in a TopologyTestDriver: a small record per track plus blocks of
 * samples and window vectors, each chunk's samples written once, blocks deleted once no window
 * needs them, nothing left behind by a closed track, and a task restored from the changelog alone
 * (mid-window, with a chunk waiting in the reorder buffer) finishing the track bit for bit.
 */
class ChunkAssemblerStateTest {

  private static final MusicFeatureExtractor OFFLINE =
      new MusicFeatureExtractor(new WindowingProbe(), DecodeLimits.DEFAULT);
  private static final String CHANGELOG = "-changelog";

  /** Cut at {@code cut} s: windows done up to it, the rest pending; chunk cut + 1 waits for the missing cut. */
  @ParameterizedTest(name = "{0} Hz, {1} s, restored at {2} s")
  @CsvSource({"22050, 75, 47, 8", "44100, 40, 27, 4"})
  void taskRestoredFromTheChangelogMidWindowFinishesTheTrackExactly(int rate, int seconds, int cut, int windowsDone) {
    float[] y = TestAudio.signal(seconds, 31, rate);
    List<AudioChunk> c = TestAudio.chunks("r", y, rate);
    float[] at22050 = rate == TestAudio.RATE ? y : ChunkAssemblerTest.resampled(y, rate);
    Map<String, List<TestRecord<byte[], byte[]>>> changelogs;
    List<KeyValue<String, MusicSegmentFeatures>> out = new ArrayList<>();
    try (TopologyHarness first = new TopologyHarness(new Properties())) {
      c.subList(0, cut).forEach(first::send);
      first.send(c.get(cut + 1));
      out.addAll(first.segments.readKeyValuesToList());
      TrackState s = first.driver.<String, TrackState>getKeyValueStore(AcpTopology.TRACK_STATE_STORE).get("r");
      assertEquals(1, s.bufferedChunks(), "a chunk waits in the buffer");
      assertEquals(windowsDone, s.progress.windowCount());
      assertTrue(s.progress.tailLength() > WindowProgress.HOP, "mid-window");
      changelogs = drainChangelogs(first);
    }
    try (TopologyHarness second = new TopologyHarness(new Properties())) {
      restore(second, changelogs);
      second.send(c.get(cut));
      c.subList(cut + 2, c.size()).forEach(second::send);
      out.addAll(second.segments.readKeyValuesToList());
      assertSameSegments(OFFLINE.extract(at22050), out, 0, 0);
      assertTrue(second.deadLetters.isEmpty());
      assertEquals(0, blocks(second).size(), "the ended track left no blocks");
    }
  }

  @Test
  void eachSampleIsWrittenOnceAndConsumedBlocksAreDeleted() {
    float[] y = TestAudio.signal(130, 32);
    List<AudioChunk> c = TestAudio.chunks("long", y);
    try (TopologyHarness h = new TopologyHarness(new Properties())) {
      KeyValueStore<String, TrackState> states = h.driver.getKeyValueStore(AcpTopology.TRACK_STATE_STORE);
      long blockBytes = 0;
      int maxRecord = 0;
      for (AudioChunk chunk : c) {
        h.send(chunk);
        Map<String, List<TestRecord<byte[], byte[]>>> logs = drainChangelogs(h);
        blockBytes += bytes(logs.get(AcpTopology.SAMPLE_BLOCK_STORE));
        for (TestRecord<byte[], byte[]> r : logs.get(AcpTopology.TRACK_STATE_STORE)) {
          maxRecord = Math.max(maxRecord, r.value().length);
        }
        TrackState s = states.get("long");
        if (s.closed()) {
          continue;
        }
        Map<Byte, long[]> held = blocks(h);
        long samples = held.getOrDefault(SampleBlocks.WINDOW_SAMPLES, new long[2])[1];
        assertTrue(samples >= s.progress.tailLength() && samples < s.progress.tailLength() + TestAudio.RATE,
            "after chunk " + chunk.getSeq() + ": " + samples + " samples stored for a tail of " + s.progress.tailLength());
        assertEquals((long) s.progress.windowCount() * MusicFeatures193.DIM,
            held.getOrDefault(SampleBlocks.WINDOW_VECTORS, new long[2])[1], "the segment's window vectors");
        assertTrue(held.getOrDefault(SampleBlocks.WINDOW_SAMPLES, new long[2])[0] <= 11, "at most 11 blocks for 1-s chunks");
      }
      assertSameSegments(OFFLINE.extract(y), h.segments.readKeyValuesToList(), 0, 0);
      long pcmBytes = 2L * y.length;
      assertTrue(blockBytes < pcmBytes + 120L * c.size(),
          "block changelog " + blockBytes + " bytes for " + pcmBytes + " bytes of int16 audio: each sample written once");
      assertTrue(maxRecord < 300, "largest track record: " + maxRecord + " bytes");
    }
  }

  @Test
  void closedTracksLeaveOnlyTheirSmallRecordUntilRetentionEnds() {
    float[] y = TestAudio.signal(40, 33);
    List<AudioChunk> ended = TestAudio.chunks("ended", y);
    List<AudioChunk> idle = TestAudio.chunks("idle", y);
    try (TopologyHarness h = new TopologyHarness(props(
        TopologyConfig.IDLE_TIMEOUT_MS, "10000", TopologyConfig.CLOSED_TRACK_RETENTION_MS, "60000"))) {
      ended.forEach(h::send);
      idle.subList(0, 27).forEach(h::send); // mid-window when the producer stalls
      assertEquals(List.of(SampleBlocks.WINDOW_SAMPLES, SampleBlocks.WINDOW_VECTORS),
          List.copyOf(blocks(h).keySet()), "only the open track holds blocks");
      h.advanceWallClock(Duration.ofSeconds(11));
      assertEquals(Map.of(), blocks(h), "no blocks once both tracks closed");
      KeyValueStore<String, TrackState> states = h.driver.getKeyValueStore(AcpTopology.TRACK_STATE_STORE);
      assertTrue(states.get("ended").closed() && states.get("idle").closed());
      assertTrue(TrackStateSerde.write(states.get("idle")).length < 300);
      assertEquals(2, h.segments.readKeyValuesToList().size());
      h.advanceWallClock(Duration.ofSeconds(61));
      assertNull(states.get("ended"));
      assertNull(states.get("idle"));
    }
  }

  @Test
  void trackOfManyTinyChunksCostsWhatItCarries() {
    int chunk = 221; // ~10 ms
    float[] y = TestAudio.signal(15, 34); // two windows, each read from ~1000 blocks
    try (TopologyHarness h = new TopologyHarness(new Properties())) {
      int maxBlocks = 0;
      int chunks = 0;
      for (int from = 0; from < y.length; from += chunk) {
        int to = Math.min(y.length, from + chunk);
        h.send(TestAudio.chunk("tiny", chunks++, Arrays.copyOfRange(y, from, to), to == y.length));
        if (chunks % 100 == 0) {
          maxBlocks = Math.max(maxBlocks, (int) blocks(h).getOrDefault(SampleBlocks.WINDOW_SAMPLES, new long[1])[0]);
        }
      }
      Map<String, List<TestRecord<byte[], byte[]>>> logs = drainChangelogs(h);
      long blockBytes = bytes(logs.get(AcpTopology.SAMPLE_BLOCK_STORE));
      int maxRecord = 0;
      for (TestRecord<byte[], byte[]> r : logs.get(AcpTopology.TRACK_STATE_STORE)) {
        maxRecord = Math.max(maxRecord, r.value() == null ? 0 : r.value().length);
      }
      assertEquals(chunks, logs.get(AcpTopology.TRACK_STATE_STORE).size(), "one small record per chunk");
      assertSameSegments(OFFLINE.extract(y), h.segments.readKeyValuesToList(), 0, 0);
      assertTrue(maxRecord < 300, "largest track record: " + maxRecord + " bytes");
      assertTrue(maxBlocks > 0 && maxBlocks <= WindowProgress.WINDOW / chunk + 1, "blocks held: " + maxBlocks);
      long pcmBytes = 2L * y.length;
      assertTrue(blockBytes < pcmBytes + 120L * chunks,
          "block changelog " + blockBytes + " bytes for " + pcmBytes + " bytes of int16 audio in " + chunks + " chunks");
      assertEquals(Map.of(), blocks(h));
    }
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  /** Block count and floats held per kind. */
  private static Map<Byte, long[]> blocks(TopologyHarness h) {
    KeyValueStore<Bytes, byte[]> store = h.driver.getKeyValueStore(AcpTopology.SAMPLE_BLOCK_STORE);
    Map<Byte, long[]> held = new java.util.TreeMap<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> e = it.next();
        byte[] k = e.key.get();
        long[] n = held.computeIfAbsent(k[k.length - 9], x -> new long[2]);
        n[0]++;
        n[1] += SampleBlocks.floats(e.value);
      }
    }
    return held;
  }

  /** Every changelog record the driver captured since the last call, by store name, in order. */
  private static Map<String, List<TestRecord<byte[], byte[]>>> drainChangelogs(TopologyHarness h) {
    Map<String, List<TestRecord<byte[], byte[]>>> logs = new HashMap<>();
    for (String store : List.of(AcpTopology.TRACK_STATE_STORE, AcpTopology.TRACK_ACTIVITY_STORE,
        AcpTopology.CHUNK_BUFFER_STORE, AcpTopology.SAMPLE_BLOCK_STORE)) {
      String topic = h.config.applicationId() + "-" + store + CHANGELOG;
      logs.put(store, h.driver.producedTopicNames().contains(topic)
          ? h.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()
          : List.of());
    }
    return logs;
  }

  private static long bytes(List<TestRecord<byte[], byte[]>> records) {
    long n = 0;
    for (TestRecord<byte[], byte[]> r : records) {
      n += r.key().length + (r.value() == null ? 0 : r.value().length);
    }
    return n;
  }

  /** What a restoring task does: applies each store's changelog in order to an empty store. */
  private static void restore(TopologyHarness h, Map<String, List<TestRecord<byte[], byte[]>>> logs) {
    replay(h, AcpTopology.TRACK_STATE_STORE, logs, Serdes.String().deserializer(), new TrackStateSerde().deserializer());
    replay(h, AcpTopology.TRACK_ACTIVITY_STORE, logs, Serdes.String().deserializer(),
        new TrackActivity.StoreSerde().deserializer());
    replay(h, AcpTopology.CHUNK_BUFFER_STORE, logs, Serdes.String().deserializer(),
        Topics.MEDIA_AUDIO_CHUNKS.valueSerde(h.config.serdeConfig()).deserializer());
    replay(h, AcpTopology.SAMPLE_BLOCK_STORE, logs, Serdes.Bytes().deserializer(), Serdes.ByteArray().deserializer());
  }

  private static <K, V> void replay(TopologyHarness h, String store, Map<String, List<TestRecord<byte[], byte[]>>> logs,
      Deserializer<K> keys, Deserializer<V> values) {
    KeyValueStore<K, V> target = h.driver.getKeyValueStore(store);
    assertEquals(0, target.approximateNumEntries(), store + " starts empty");
    for (TestRecord<byte[], byte[]> r : logs.get(store)) {
      K key = keys.deserialize("changelog", r.key());
      if (r.value() == null) {
        target.delete(key);
      } else {
        target.put(key, values.deserialize("changelog", r.value()));
      }
    }
  }
}
