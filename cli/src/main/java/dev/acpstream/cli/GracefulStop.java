package dev.acpstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM / Ctrl-C for a long-running command: the shutdown hook asks the command to stop (counts
 * {@code stop} down), then holds the JVM open until the command has closed what it opened (Kafka
 * Streams commits or aborts its transaction and flushes state), at most {@code grace}. Closing
 * this marks the command closed; outside a JVM shutdown it also removes the hook.
 */
final class GracefulStop implements AutoCloseable {

  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  GracefulStop(String name, CountDownLatch stop, Duration grace) {
    this.hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook is running and now lets it go.
    }
  }
}
