package dev.acpstream.topology.audio;

import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.WindowFeatureExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paper's windowing, fed incrementally: 10-s windows every 5 s fully inside 60-s segments
 * (11 per full segment), the segment vector the mean of its windows (summed in double in window
 * order, like the file-form extractor, so both give the same floats for the same samples).
 *
 * <p>End of stream follows the file form: a track shorter than one segment is one segment (not
 * partial), one window covering it all when it is under 10 s; a later remainder of at least 10 s
 * is a partial segment; a shorter remainder is dropped. A long gap cuts the current segment like
 * an end of stream that is never "the whole clip": at least 10 s becomes a partial segment.
 *
 * <p>Stateless apart from the extractor; all progress lives in {@link WindowProgress}.
 */
public final class SegmentAggregator {

  private static final int BLOCK = 8192;

  private final WindowFeatureExtractor extractor;

  public SegmentAggregator(WindowFeatureExtractor extractor) {
    this.extractor = extractor;
  }

  /** Feeds samples; returns the segments they completed. */
  public List<ClosedSegment> accept(WindowProgress p, float[] samples, int off, int len) {
    List<ClosedSegment> closed = new ArrayList<>(1);
    while (len > 0) {
      // Never run past the next window's end, so the tail stays within one window.
      int boundary = p.nextWindow < WindowProgress.FULL_WINDOWS
          ? p.nextWindow * WindowProgress.HOP + WindowProgress.WINDOW
          : WindowProgress.SEGMENT;
      int n = Math.min(len, boundary - p.filled);
      p.tail.append(samples, off, n);
      p.filled += n;
      off += n;
      len -= n;
      if (p.nextWindow < WindowProgress.FULL_WINDOWS && p.filled == boundary) {
        p.windows.append(extract(p.tail.head(WindowProgress.WINDOW)), 0, 1);
        p.nextWindow++;
        p.tail.dropFront(WindowProgress.HOP);
      }
      if (p.filled == WindowProgress.SEGMENT) {
        closed.add(close(p, false));
        p.startNextSegment(p.segmentStart + WindowProgress.SEGMENT);
      }
    }
    return closed;
  }

  /** Feeds {@code n} samples of silence (a short gap). */
  public List<ClosedSegment> silence(WindowProgress p, long n) {
    List<ClosedSegment> closed = new ArrayList<>();
    float[] zeros = new float[(int) Math.min(BLOCK, Math.max(n, 0))];
    while (n > 0) {
      int k = (int) Math.min(n, zeros.length);
      closed.addAll(accept(p, zeros, 0, k));
      n -= k;
    }
    return closed;
  }

  /** Ends the track (end of stream or idle timeout): the file form's last segment, if any. */
  public Optional<ClosedSegment> endOfStream(WindowProgress p) {
    if (p.filled == 0) {
      return Optional.empty();
    }
    Optional<ClosedSegment> last;
    if (p.segmentIndex == 0 && p.segmentStart == 0) {
      if (p.filled < WindowProgress.WINDOW) {
        p.windows.append(extract(p.tail.head(p.tail.length())), 0, 1);
      }
      last = Optional.of(close(p, false));
    } else {
      last = p.filled >= WindowProgress.WINDOW ? Optional.of(close(p, true)) : Optional.empty();
    }
    p.startNextSegment(p.segmentStart + p.filled);
    return last;
  }

  /** A long gap of {@code gapSamples}: cuts the current segment; the next one starts after the gap. */
  public Optional<ClosedSegment> cutByGap(WindowProgress p, long gapSamples) {
    if (p.filled == 0) {
      p.segmentStart += gapSamples;
      return Optional.empty();
    }
    Optional<ClosedSegment> cut =
        p.filled >= WindowProgress.WINDOW ? Optional.of(close(p, true)) : Optional.empty();
    p.startNextSegment(p.segmentStart + p.filled + gapSamples);
    return cut;
  }

  private float[] extract(float[] window) {
    float[] v = extractor.extract(window);
    if (v == null || v.length != MusicFeatures193.DIM) {
      throw new IllegalStateException("window extractor returned "
          + (v == null ? "null" : v.length + " values") + ", expected " + MusicFeatures193.DIM);
    }
    return v;
  }

  private static ClosedSegment close(WindowProgress p, boolean partial) {
    int count = p.windows.length();
    float[] vectors = p.windows.head(count);
    double[] sum = new double[MusicFeatures193.DIM];
    for (int w = 0; w < count; w++) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += vectors[w * sum.length + i];
      }
    }
    float[] mean = new float[sum.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) (sum[i] / count);
    }
    double rate = WindowProgress.SAMPLE_RATE;
    return new ClosedSegment(
        p.segmentIndex, p.segmentStart / rate, p.filled / rate, count, partial, mean);
  }
}
