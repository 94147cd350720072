package dev.acpstream.topology.audio;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Everything the assembler keeps per track between records (one entry of the changelogged
 * {@code track-state} store): the sequencing state (next seq, which later seqs wait in the
 * reorder buffer or were rejected, which were given up as gaps), the stream's format, and the
 * {@link WindowProgress} of the 193-d extraction. The samples and vectors it refers to are
 * {@link FrameTail}s kept as blocks in the sample-block store, so the entry itself stays a few
 * hundred bytes and a chunk writes only the samples it adds.
 */
public final class TrackState {

  /** Most remembered gap ranges (for telling a late chunk from a duplicate). */
  static final int MAX_GAP_RANGES = 16;

  /** The store key this state belongs to; set on load, not serialized. */
  String trackId;
  String pairingKey;
  long nextSeq;
  /** Seq of the end-of-stream chunk once seen (it may arrive early), else -1. */
  long endSeq = -1;
  /** Seqs waiting in the reorder buffer, with their payload sizes in bytes. */
  final TreeMap<Long, Integer> buffered = new TreeMap<>();
  /** Seqs ahead of {@link #nextSeq} that were rejected (dead-lettered): gaps once reached. */
  final TreeSet<Long> lost = new TreeSet<>();
  /** Recent seq ranges [from, to) given up as gaps, oldest first. */
  final Deque<long[]> gaps = new ArrayDeque<>();
  /** Format fixed by the first accepted chunk (0 until then). */
  int channels;
  /** Input frames per chunk, from the last applied chunk: how long a lost chunk is assumed to be. */
  int lastChunkSamples;
  /** The track's input sample rate, fixed by its first applied chunk (0 until then). */
  int inputRate;
  /** {@link RateConverter} progress: input frames and 22050-Hz samples since the last flush. */
  long convertedIn;
  long convertedOut;
  /** The {@link RateConverter}'s last eighth of a second or so of input frames, ending at {@code convertedIn}. */
  final FrameTail rateInput = new FrameTail(SampleBlocks.RATE_INPUT, 1);
  /** Wall-clock time of the last chunk, for the idle timeout. */
  long lastActivityMs;
  /** producedAt of the last applied chunk, or -1. */
  long lastProducedAtMs = -1;
  /** Wall-clock time the track was closed, or -1 while open. */
  long closedAtMs = -1;
  final WindowProgress progress = new WindowProgress();

  /** Reads and writes this track's sample blocks in {@code blocks} from now on. */
  void attach(KeyValueStore<Bytes, byte[]> blocks, String trackId) {
    this.trackId = trackId;
    rateInput.attach(blocks, trackId);
    progress.tail.attach(blocks, trackId);
    progress.windows.attach(blocks, trackId);
  }

  /** Writes what this record added to the sample blocks and deletes the ones no longer needed. */
  void flushBlocks() {
    rateInput.flush();
    progress.tail.flush();
    progress.windows.flush();
  }

  /** Deletes the track's sample blocks (none are left once it closed; this is a safety net). */
  void deleteBlocks() {
    rateInput.deleteAll();
    progress.tail.deleteAll();
    progress.windows.deleteAll();
  }

  public boolean closed() {
    return closedAtMs >= 0;
  }

  public long nextSeq() {
    return nextSeq;
  }

  public WindowProgress progress() {
    return progress;
  }

  public int bufferedChunks() {
    return buffered.size();
  }

  long bufferedBytes() {
    long sum = 0;
    for (int b : buffered.values()) {
      sum += b;
    }
    return sum;
  }

  boolean inGap(long seq) {
    for (long[] g : gaps) {
      if (seq >= g[0] && seq < g[1]) {
        return true;
      }
    }
    return false;
  }

  void rememberGap(long from, long to) {
    gaps.addLast(new long[] {from, to});
    while (gaps.size() > MAX_GAP_RANGES) {
      gaps.removeFirst();
    }
  }
}
