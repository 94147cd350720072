package dev.acpstream.core.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Computes a dataset's music features from its audio, clip by clip on several threads, for the
 * evaluations and the trainer. Every clip is attempted; if any fails, the error names each failed
 * clip and why, so nothing is dropped from an evaluation silently.
 */
public final class ClipFeatureExtraction {

  /** Progress after each clip: how many are done, of how many, and the clip just finished. */
  public record Progress(int done, int total, String clip, double elapsedSeconds) {}

  private ClipFeatureExtraction() {}

  /** Features of every clip, keyed by its relative path, in the clips' order. */
  public static Map<String, float[]> extract(
      List<FourQClip> clips, MusicFeatureSource source, int threads, Consumer<Progress> progress)
      throws IOException {
    Objects.requireNonNull(source, "source");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    long t0 = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "clip-features");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<float[]>> futures = new ArrayList<>(clips.size());
      for (FourQClip clip : clips) {
        futures.add(pool.submit(() -> {
          float[] v = source.features(clip.relativePath(), clip.file());
          progress.accept(new Progress(done.incrementAndGet(), clips.size(), clip.relativePath(),
              (System.nanoTime() - t0) / 1e9));
          return v;
        }));
      }
      Map<String, float[]> rows = new LinkedHashMap<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        try {
          rows.put(clips.get(i).relativePath(), futures.get(i).get());
        } catch (ExecutionException e) {
          failures.add(clips.get(i).file() + ": " + e.getCause().getMessage());
        }
      }
      if (!failures.isEmpty()) {
        throw new IOException(failures.size() + " of " + clips.size() + " clips could not be analysed:\n  "
            + String.join("\n  ", failures));
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while extracting clip features", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
