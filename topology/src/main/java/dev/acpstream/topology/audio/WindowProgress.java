package dev.acpstream.topology.audio;

import dev.acpstream.core.audio.MusicFeatures193;

/**
 * Where a track's 193-d extraction stands, and exactly what it needs to go on after a restart:
 * the current segment's position, the vectors of the windows already computed in it, and the
 * samples from the start of the next window on (at most one window, 10 s). Samples every future
 * window has moved past are dropped, so this never holds whole minutes of PCM.
 *
 * <p>The samples and vectors are {@link FrameTail}s: in the store they are blocks written once
 * each, and the track's record holds only the counters.
 */
public final class WindowProgress {

  static final int SAMPLE_RATE = MusicFeatures193.SAMPLE_RATE;
  static final int WINDOW = MusicFeatures193.WINDOW_SECONDS * SAMPLE_RATE;
  static final int HOP = MusicFeatures193.HOP_SECONDS * SAMPLE_RATE;
  static final int SEGMENT = MusicFeatures193.SEGMENT_SECONDS * SAMPLE_RATE;
  /** Windows in a full segment: 10 s at a 5-s hop inside 60 s. */
  static final int FULL_WINDOWS = 1 + (SEGMENT - WINDOW) / HOP;

  int segmentIndex;
  /** Absolute start of the current segment in the track, in samples (gaps included). */
  long segmentStart;
  /** Samples of the current segment seen so far. */
  int filled;
  /** Index (in the segment) of the next window to compute. */
  int nextWindow;
  /** Vectors of the current segment's windows, in order: frames of {@link MusicFeatures193#DIM} floats. */
  final FrameTail windows = new FrameTail(SampleBlocks.WINDOW_VECTORS, MusicFeatures193.DIM);
  /** Samples from {@code nextWindow * HOP} to {@code filled}. */
  final FrameTail tail = new FrameTail(SampleBlocks.WINDOW_SAMPLES, 1);

  public int segmentIndex() {
    return segmentIndex;
  }

  public int filled() {
    return filled;
  }

  /** Samples held for the next window; bounded by one window. */
  public int tailLength() {
    return tail.length();
  }

  public int windowCount() {
    return windows.length();
  }

  void startNextSegment(long start) {
    segmentIndex++;
    segmentStart = start;
    filled = 0;
    nextWindow = 0;
    windows.clear();
    tail.clear();
  }
}
