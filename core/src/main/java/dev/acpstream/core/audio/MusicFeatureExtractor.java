package dev.acpstream.core.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The paper's music feature for a whole file: one 193-d vector per segment ({@link SegmentPlan}),
 * each the mean of its 10-s windows' vectors from a {@link WindowFeatureExtractor}.
 *
 * <p>Files are decoded and resampled block by block into {@link IncrementalMusicFeatures}, so a
 * long file needs no more memory than one segment. {@link #extract(float[])} is the offline form
 * for samples already in memory: it plans all windows up front and shares no code path with the
 * incremental buffering, which is what lets the tests compare the two.
 */
public final class MusicFeatureExtractor {

  private final WindowFeatureExtractor windows;
  private final DecodeLimits limits;
  private final ExecutorService executor;
  private final int parallelism;

  /** Single-threaded. */
  public MusicFeatureExtractor(WindowFeatureExtractor windows, DecodeLimits limits) {
    this(windows, limits, null, 1);
  }

  /** Windows extracted on {@code executor} ({@code parallelism} in flight); results identical to single-threaded. */
  public MusicFeatureExtractor(WindowFeatureExtractor windows, DecodeLimits limits, ExecutorService executor, int parallelism) {
    this.windows = windows;
    this.limits = limits;
    this.executor = executor;
    this.parallelism = Math.max(1, parallelism);
  }

  /** Decodes {@code file} (WAV, FLAC, MP3, Ogg Vorbis; any rate) and returns its segments in order. */
  public List<SegmentFeatures> extract(Path file) throws IOException {
    return extract(file, null);
  }

  /** As {@link #extract(Path)}, also reporting each 22050-Hz block's arrival to {@code progress}. */
  public List<SegmentFeatures> extract(Path file, SampleSink progress) throws IOException {
    List<SegmentFeatures> out = new ArrayList<>();
    IncrementalMusicFeatures incremental =
        executor == null
            ? new IncrementalMusicFeatures(windows, out::add)
            : new IncrementalMusicFeatures(windows, out::add, executor, 2 * parallelism);
    AudioInput.stream(file, limits, (samples, off, len) -> {
      incremental.accept(samples, off, len);
      if (progress != null) {
        progress.accept(samples, off, len);
      }
    });
    incremental.finish();
    if (out.isEmpty()) {
      throw new AudioDecodeException(
          file.toString(), "no segment: the audio is " + String.format("%.2f", incremental.samples() / (double) MusicFeatures193.SAMPLE_RATE) + " s long");
    }
    return out;
  }

  /** The segments of 22050-Hz mono {@code samples} already in memory. */
  public List<SegmentFeatures> extract(float[] samples) {
    List<SegmentFeatures> out = new ArrayList<>();
    for (SegmentPlan.Segment s : SegmentPlan.of(samples.length)) {
      int n = s.windowCount();
      List<Future<float[]>> futures = new ArrayList<>();
      float[][] vectors = new float[n][];
      for (int w = 0; w < n; w++) {
        int from = (int) (s.start() + s.windowOffset(w));
        float[] window = Arrays.copyOfRange(samples, from, from + s.windowLength());
        if (executor == null) {
          vectors[w] = windows.extract(window);
        } else {
          futures.add(executor.submit(() -> windows.extract(window)));
        }
      }
      for (int w = 0; w < futures.size(); w++) {
        try {
          vectors[w] = futures.get(w).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
      SegmentMean mean = new SegmentMean();
      for (float[] v : vectors) {
        mean.add(v);
      }
      double rate = MusicFeatures193.SAMPLE_RATE;
      out.add(new SegmentFeatures(s.index(), s.start() / rate, s.length() / rate, n, s.partial(), mean.mean()));
    }
    return out;
  }
}
