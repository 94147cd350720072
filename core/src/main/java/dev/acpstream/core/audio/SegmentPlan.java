package dev.acpstream.core.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Where segments and windows lie in a clip of {@code n} samples at 22050 Hz.
 *
 * <p>Rules (the parity references' rule for full segments, plus a partial tail): a clip shorter
 * than 60 s is ONE segment, the whole clip (not marked partial: it is all there is). A longer
 * clip has consecutive 60-s segments; a final remainder of at least 10 s becomes one more segment
 * marked {@code partial}; a remainder under 10 s is dropped (too short for even one full window,
 * and averaging a sliver into the vector would over-weight it). Windows are 10 s at a 5-s hop and
 * lie fully inside their segment (11 per full segment); a segment shorter than 10 s is one window
 * covering the whole segment.
 */
public final class SegmentPlan {

  public static final int SEGMENT = MusicFeatures193.SEGMENT_SECONDS * MusicFeatures193.SAMPLE_RATE;
  public static final int WINDOW = MusicFeatures193.WINDOW_SECONDS * MusicFeatures193.SAMPLE_RATE;
  public static final int HOP = MusicFeatures193.HOP_SECONDS * MusicFeatures193.SAMPLE_RATE;

  private SegmentPlan() {}

  /** One segment: absolute start sample, length in samples, and whether it is a partial tail. */
  public record Segment(int index, long start, int length, boolean partial) {

    public int windowCount() {
      return SegmentPlan.windowCount(length);
    }

    /** Offset of window {@code w} from the segment's start. */
    public int windowOffset(int w) {
      return w * HOP;
    }

    public int windowLength() {
      return Math.min(WINDOW, length);
    }
  }

  /** Windows in a segment of {@code length} samples: 10 s at 5-s hop, or one if shorter than 10 s. */
  public static int windowCount(int length) {
    return length < WINDOW ? 1 : 1 + (length - WINDOW) / HOP;
  }

  /** The segments of a clip of {@code n} samples (empty when {@code n == 0}). */
  public static List<Segment> of(long n) {
    List<Segment> segments = new ArrayList<>();
    if (n <= 0) {
      return segments;
    }
    if (n < SEGMENT) {
      segments.add(new Segment(0, 0, (int) n, false));
      return segments;
    }
    long full = n / SEGMENT;
    for (int i = 0; i < full; i++) {
      segments.add(new Segment(i, (long) i * SEGMENT, SEGMENT, false));
    }
    int rest = (int) (n - full * SEGMENT);
    if (rest >= WINDOW) {
      segments.add(new Segment((int) full, full * SEGMENT, rest, true));
    }
    return segments;
  }
}
