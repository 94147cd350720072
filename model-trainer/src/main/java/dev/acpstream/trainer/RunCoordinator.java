package dev.acpstream.trainer;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands training runs from the stream thread to the training thread: at most one run at a time,
 * and the stream thread never waits for one. Finished runs come back as completions, which the
 * stream thread writes into its changelogged progress store.
 */
final class RunCoordinator {

  private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);

  /** A finished run: how many ready labels it was asked to cover, and when it ended. */
  record Completion(long readyLabels, long finishedAtMillis) {}

  private final ExecutorService executor;
  private final LongConsumer run;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
  private volatile long trainedFloor;
  private volatile boolean closed;

  /**
   * @param run trains on the training set as it is now; its argument is the ready-label count
   *     that triggered it
   */
  RunCoordinator(ExecutorService executor, LongConsumer run) {
    this.executor = executor;
    this.run = run;
  }

  boolean idle() {
    return !running.get() && !closed;
  }

  /** Starts a run unless one is running; returns whether it started. */
  boolean submit(long readyLabels) {
    if (closed || !running.compareAndSet(false, true)) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          run.accept(readyLabels);
        } catch (RuntimeException | Error e) {
          LOG.error("training run failed", e);
        } finally {
          completions.add(new Completion(readyLabels, System.currentTimeMillis()));
          running.set(false);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      running.set(false);
      return false;
    }
  }

  Completion pollCompletion() {
    return completions.poll();
  }

  boolean drained() {
    return completions.isEmpty() && !running.get();
  }

  /**
   * Ready labels already covered by the champion found on {@code models.acpnet} at start: a
   * restart whose last completion was not yet committed does not train the same labels again.
   */
  long trainedFloor() {
    return trainedFloor;
  }

  void trainedFloor(long labels) {
    trainedFloor = labels;
  }

  void close() {
    closed = true;
  }
}
