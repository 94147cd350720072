package dev.acpstream.topology;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an instance does when a stream thread dies. Records that cannot be processed never get
 * here (they are dead-lettered); what does is the infrastructure failing under the thread, e.g. a
 * transaction the broker aborted after its timeout while the instance was overloaded
 * ({@code InvalidTxnStateException} on commit, seen in the soak). Kafka Streams' default shuts the
 * whole client down for that and leaves the restart to an orchestrator; replacing the thread
 * recovers in-process from the last commit, exactly-once as a restart. Errors (out of memory, a
 * linkage error) and a thread that keeps dying ({@value #MAX_REPLACEMENTS} replacements within
 * {@link #WINDOW}) still shut the client down, so a deterministic failure cannot loop.
 */
final class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);
  static final int MAX_REPLACEMENTS = 5;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private final Clock clock;
  private final Deque<Long> replacements = new ArrayDeque<>();

  StreamThreadRecovery(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
    if (isError(exception)) {
      LOG.error("a stream thread died of an error; shutting this instance down", exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    long now = clock.millis();
    while (!replacements.isEmpty() && replacements.peekFirst() < now - WINDOW.toMillis()) {
      replacements.removeFirst();
    }
    if (replacements.size() >= MAX_REPLACEMENTS) {
      LOG.error("a stream thread died for the {}th time within {}; shutting this instance down", MAX_REPLACEMENTS + 1,
          WINDOW, exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    replacements.addLast(now);
    LOG.warn("a stream thread died; replacing it (it resumes from the last commit)", exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private static boolean isError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof Error) {
        return true;
      }
    }
    return false;
  }
}
