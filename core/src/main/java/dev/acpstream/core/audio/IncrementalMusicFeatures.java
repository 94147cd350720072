package dev.acpstream.core.audio;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * The 193-d music feature of a stream, computed as the audio arrives: feed 22050-Hz mono blocks of
 * any size, in order, to {@link #accept}; each window's vector and each segment's vector goes to
 * the {@link Listener} as soon as its last sample is in; {@link #finish} ends the stream and emits
 * the last (short or partial) segment. Segments and windows follow {@link SegmentPlan}, so the
 * numbers equal {@link MusicFeatureExtractor}'s for the same samples, bit for bit.
 *
 * <p>Memory: one segment of samples (60 s, 5.3 MB) plus the windows in flight.
 *
 * <p>With an {@link Executor}, windows are extracted in parallel, at most {@code maxInFlight} at a
 * time ({@link #accept} waits when that many are pending); results still reach the listener in
 * stream order, on the thread that calls {@code accept}/{@code finish}. Not thread-safe: one
 * caller feeds one instance.
 */
public final class IncrementalMusicFeatures {

  /** Receives results in stream order. */
  public interface Listener {
    default void onWindow(WindowResult window) {}

    void onSegment(SegmentFeatures segment);
  }

  private static final double RATE = MusicFeatures193.SAMPLE_RATE;
  private static final int FULL_WINDOWS = SegmentPlan.windowCount(SegmentPlan.SEGMENT);

  private final WindowFeatureExtractor extractor;
  private final Listener listener;
  private final Executor executor;
  private final int maxInFlight;

  private final float[] segment = new float[SegmentPlan.SEGMENT];
  private int filled;
  private int segmentIndex;
  private int nextWindow;
  private long totalSamples;
  private boolean finished;

  /** Results not yet delivered, in stream order. */
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int windowsInFlight;
  private SegmentMean draining = new SegmentMean();

  /** Extracts windows on the calling thread; results are delivered before {@code accept} returns. */
  public IncrementalMusicFeatures(WindowFeatureExtractor extractor, Listener listener) {
    this(extractor, listener, null, 1);
  }

  /** Extracts windows on {@code executor}, at most {@code maxInFlight} at a time. */
  public IncrementalMusicFeatures(WindowFeatureExtractor extractor, Listener listener, Executor executor, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
    }
    this.extractor = extractor;
    this.listener = listener;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
  }

  /** Samples accepted so far. */
  public long samples() {
    return totalSamples;
  }

  public void accept(float[] block) {
    accept(block, 0, block.length);
  }

  public void accept(float[] block, int off, int len) {
    if (finished) {
      throw new IllegalStateException("accept after finish");
    }
    while (len > 0) {
      int n = Math.min(len, segment.length - filled);
      System.arraycopy(block, off, segment, filled, n);
      filled += n;
      totalSamples += n;
      off += n;
      len -= n;
      while (nextWindow < FULL_WINDOWS && nextWindow * SegmentPlan.HOP + SegmentPlan.WINDOW <= filled) {
        submitWindow(nextWindow * SegmentPlan.HOP, SegmentPlan.WINDOW);
        nextWindow++;
      }
      if (filled == segment.length) {
        closeSegment(SegmentPlan.SEGMENT, false);
        segmentIndex++;
        filled = 0;
        nextWindow = 0;
      }
    }
    drain(false);
  }

  /** Ends the stream: emits the whole-clip segment of a clip under 60 s, or a partial tail of at least 10 s. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (filled > 0) {
      if (segmentIndex == 0) {
        if (filled < SegmentPlan.WINDOW) {
          submitWindow(0, filled);
        }
        closeSegment(filled, false);
      } else if (filled >= SegmentPlan.WINDOW) {
        closeSegment(filled, true);
      }
    }
    drain(true);
  }

  private void submitWindow(int offset, int length) {
    float[] samples = Arrays.copyOfRange(segment, offset, offset + length);
    WindowResult meta =
        new WindowResult(segmentIndex, offset / SegmentPlan.HOP, (segmentIndex * (double) SegmentPlan.SEGMENT + offset) / RATE,
            length / RATE, null);
    Future<float[]> result;
    if (executor == null) {
      result = CompletableFuture.completedFuture(extractor.extract(samples));
    } else {
      while (windowsInFlight >= maxInFlight) {
        drainOne();
      }
      result = CompletableFuture.supplyAsync(() -> extractor.extract(samples), executor);
    }
    windowsInFlight++;
    pending.add(new Pending(meta, result, null));
  }

  private void closeSegment(int length, boolean partial) {
    SegmentFeatures meta =
        new SegmentFeatures(segmentIndex, segmentIndex * (double) SegmentPlan.SEGMENT / RATE, length / RATE,
            SegmentPlan.windowCount(length), partial, null);
    pending.add(new Pending(null, null, meta));
  }

  private void drain(boolean all) {
    while (!pending.isEmpty() && (all || pending.peek().isReady())) {
      drainOne();
    }
  }

  private void drainOne() {
    Pending p = pending.poll();
    if (p.window != null) {
      float[] v = get(p.result);
      windowsInFlight--;
      draining.add(v);
      WindowResult w = p.window;
      listener.onWindow(new WindowResult(w.segment(), w.window(), w.startS(), w.durationS(), v));
    } else {
      SegmentFeatures s = p.segment;
      if (draining.count() != s.windows()) {
        throw new IllegalStateException("segment " + s.segment() + " has " + draining.count() + " windows, expected " + s.windows());
      }
      float[] mean = draining.mean();
      draining = new SegmentMean();
      listener.onSegment(new SegmentFeatures(s.segment(), s.startS(), s.durationS(), s.windows(), s.partial(), mean));
    }
  }

  private static float[] get(Future<float[]> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while extracting a window", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private record Pending(WindowResult window, Future<float[]> result, SegmentFeatures segment) {
    boolean isReady() {
      return window == null || result.isDone();
    }
  }
}
