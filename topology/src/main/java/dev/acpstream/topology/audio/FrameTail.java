package dev.acpstream.topology.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The last {@link #length()} frames of an append-only stream of {@code width}-float frames: a
 * track's samples waiting for their window, its resampler's input history, or the window vectors
 * of its current segment. Frames are addressed by stream position ({@code end} frames were ever
 * appended), so the tail is always frames [end - length, end) of the stream: appending adds at
 * the end, the front only ever moves forward.
 *
 * <p>Stored as blocks in the sample-block store ({@link SampleBlocks}), so that a record costs
 * what it adds, not what the tail holds: at each save, the frames appended since the last one
 * that are still in the tail become one block, and blocks the front has moved past are deleted.
 * The track's own record keeps only {@code end}, {@code length} and where the oldest stored block
 * lies. Between saves new frames wait in memory (for the one record being processed, never
 * longer); {@link #head} joins the stored blocks and them. A tail with no store attached (a new
 * state in a unit test) keeps everything in memory.
 */
final class FrameTail {

  private static final float[] NONE = new float[0];

  private final byte kind;
  private final int width;

  // Persisted in the track's record.
  private long end;
  private int length;
  /** Stream range of the oldest stored block; equal bounds when no block is stored. */
  private long firstBlock;
  private long firstBlockEnd;

  // The record being processed only.
  private KeyValueStore<Bytes, byte[]> store;
  private String trackId = "?";
  private byte[] prefix;
  /** {@code end} at the last load or save: frames before it are stored (or no longer needed). */
  private long storedEnd;
  /** Frames [pendingFrom, end) wait in {@link #pending}, pendingFrom >= storedEnd. */
  private long pendingFrom;
  private float[] pending = NONE;
  /**
   * Stored blocks {@link #head} read in this record, from {@link #firstBlock} on, as
   * {position, end, ...}: the deletion after a finished window need not read them again.
   */
  private long[] seen = new long[0];
  private int seenBlocks;

  FrameTail(byte kind, int width) {
    this.kind = kind;
    this.width = width;
  }

  /** Sets the persisted fields, as read back from a track's record. */
  void restore(long end, int length, long firstBlock, long firstBlockEnd) {
    if (end < 0 || length < 0 || length > end || firstBlock < 0 || firstBlockEnd < firstBlock || firstBlockEnd > end) {
      throw new IllegalStateException("tail " + kind + ": end " + end + ", length " + length
          + ", first block [" + firstBlock + ", " + firstBlockEnd + ") are inconsistent");
    }
    this.end = end;
    this.length = length;
    this.firstBlock = firstBlock;
    this.firstBlockEnd = firstBlockEnd;
    this.storedEnd = end;
    this.pendingFrom = end;
    this.pending = NONE;
    this.seenBlocks = 0;
  }

  /** Reads and writes the tail's blocks in {@code store} from now on. */
  void attach(KeyValueStore<Bytes, byte[]> store, String trackId) {
    this.store = store;
    this.trackId = trackId;
    this.prefix = SampleBlocks.prefix(trackId, kind);
  }

  long end() {
    return end;
  }

  int length() {
    return length;
  }

  long firstBlock() {
    return firstBlock;
  }

  long firstBlockEnd() {
    return firstBlockEnd;
  }

  /** Whether frames were appended since the last save. */
  boolean hasPending() {
    return pendingFrom < end;
  }

  void append(float[] src, int off, int frames) {
    if (frames == 0) {
      return;
    }
    int used = (int) (end - pendingFrom) * width;
    int need = used + frames * width;
    if (need > pending.length) {
      long start = end - length;
      if (start > pendingFrom) { // frames the front has passed are never read again
        int dead = (int) (start - pendingFrom) * width;
        System.arraycopy(pending, dead, pending, 0, used - dead);
        used -= dead;
        need -= dead;
        pendingFrom = start;
      }
      if (need > pending.length) {
        pending = Arrays.copyOf(pending, Math.max(need, 2 * pending.length));
      }
    }
    System.arraycopy(src, off, pending, used, frames * width);
    end += frames;
    length += frames;
  }

  void dropFront(int frames) {
    if (frames < 0 || frames > length) {
      throw new IllegalArgumentException("cannot drop " + frames + " of " + length + " frames");
    }
    length -= frames;
  }

  void clear() {
    length = 0;
  }

  /** A copy of the first {@code n} frames of the tail. */
  float[] head(int n) {
    if (n < 0 || n > length) {
      throw new IllegalArgumentException("cannot read " + n + " of " + length + " frames");
    }
    float[] out = new float[n * width];
    long from = end - length;
    long to = from + n;
    long storedTo = Math.min(to, pendingFrom);
    if (from < storedTo) {
      readStored(from, storedTo, out);
    }
    long at = Math.max(from, pendingFrom);
    if (at < to) {
      System.arraycopy(pending, (int) (at - pendingFrom) * width, out, (int) (at - from) * width, (int) (to - at) * width);
    }
    return out;
  }

  private void readStored(long from, long to, float[] out) {
    if (store == null) {
      throw new IllegalStateException("track '" + trackId + "': tail " + kind + " has stored frames but no store");
    }
    long next = from;
    seenBlocks = 0;
    try (KeyValueIterator<Bytes, byte[]> it = store.range(key(firstBlock), key(to - 1))) {
      while (it.hasNext() && next < to) {
        KeyValue<Bytes, byte[]> e = it.next();
        long o = SampleBlocks.position(e.key);
        long blockEnd = o + SampleBlocks.floats(e.value) / width;
        see(o, blockEnd);
        if (blockEnd <= next) {
          continue;
        }
        if (o > next) {
          break; // a hole: reported below
        }
        long b = Math.min(blockEnd, to);
        SampleBlocks.decode(e.value, (int) (next - o) * width, out, (int) (next - from) * width, (int) (b - next) * width);
        next = b;
      }
    }
    if (next != to) {
      throw new IllegalStateException("track '" + trackId + "': the sample-block store lacks frames ["
          + next + ", " + to + ") of tail " + kind + " (its blocks were lost or the state is corrupt)");
    }
  }

  /**
   * Saves the record's changes: deletes the blocks the front has passed, then stores the frames
   * appended since the last save that are still in the tail as one block.
   */
  void flush() {
    if (store == null) {
      return;
    }
    long start = end - length;
    if (firstBlockEnd > firstBlock && firstBlockEnd <= start) {
      deleteStoredBefore(start);
    }
    long from = Math.max(pendingFrom, start);
    if (from < end) {
      store.put(key(from), SampleBlocks.encode(pending, (int) (from - pendingFrom) * width, (int) (end - from) * width));
      if (firstBlockEnd == firstBlock) {
        firstBlock = from;
        firstBlockEnd = end;
      }
    }
    storedEnd = end;
    pendingFrom = end;
    pending = NONE;
    seenBlocks = 0;
  }

  /** Deletes every stored block (the track is forgotten). */
  void deleteAll() {
    if (store == null || firstBlockEnd == firstBlock) {
      return;
    }
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.range(key(firstBlock), key(Long.MAX_VALUE))) {
      it.forEachRemaining(e -> keys.add(e.key));
    }
    keys.forEach(this::delete);
    firstBlock = firstBlockEnd = 0;
  }

  private void see(long position, long blockEnd) {
    if (2 * seenBlocks + 2 > seen.length) {
      seen = Arrays.copyOf(seen, Math.max(16, 2 * seen.length));
    }
    seen[2 * seenBlocks] = position;
    seen[2 * seenBlocks + 1] = blockEnd;
    seenBlocks++;
  }

  /** The oldest block ends at or before {@code start}: delete it and any later ones that do too. */
  private void deleteStoredBefore(long start) {
    List<Bytes> dead = new ArrayList<>();
    long oldest = firstBlock;
    long scanFrom = firstBlockEnd;
    dead.add(key(oldest));
    firstBlock = firstBlockEnd = 0;
    boolean found = false;
    // The blocks head() read in this record (from the oldest on, in order) need no second read.
    if (seenBlocks > 0 && seen[0] == oldest) {
      for (int i = 1; i < seenBlocks && !found; i++) {
        found = keepOrDelete(seen[2 * i], seen[2 * i + 1], start, dead);
        scanFrom = seen[2 * i + 1];
      }
    }
    if (!found && scanFrom < storedEnd) {
      try (KeyValueIterator<Bytes, byte[]> it = store.range(key(scanFrom), key(storedEnd - 1))) {
        while (it.hasNext() && !found) {
          KeyValue<Bytes, byte[]> e = it.next();
          long o = SampleBlocks.position(e.key);
          found = keepOrDelete(o, o + SampleBlocks.floats(e.value) / width, start, dead);
        }
      }
    }
    dead.forEach(this::delete);
  }

  /** Marks the block dead if it ends by {@code start}, else makes it the oldest; true if kept. */
  private boolean keepOrDelete(long position, long blockEnd, long start, List<Bytes> dead) {
    if (blockEnd > start) {
      firstBlock = position;
      firstBlockEnd = blockEnd;
      return true;
    }
    dead.add(key(position));
    return false;
  }

  /** A null put deletes; {@code KeyValueStore.delete} would first read the old block back to return it. */
  private void delete(Bytes key) {
    store.put(key, null);
  }

  private Bytes key(long position) {
    return SampleBlocks.key(prefix, position);
  }
}
