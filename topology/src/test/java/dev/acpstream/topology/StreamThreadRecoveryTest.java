package dev.acpstream.topology;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadRecoveryTest {

  private static final class Ticking extends Clock {
    Instant now = Instant.parse("2026-11-25T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static StreamsException abortedTransaction() {
    return new StreamsException("Error encountered trying to commit a transaction",
        new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
  }

  @Test
  void anAbortedTransactionReplacesTheThreadAndAnErrorShutsDown() {
    StreamThreadRecovery r = new StreamThreadRecovery(new Ticking());
    assertEquals(REPLACE_THREAD, r.handle(abortedTransaction()));
    assertEquals(SHUTDOWN_CLIENT, r.handle(new OutOfMemoryError("Java heap space")));
    assertEquals(SHUTDOWN_CLIENT, r.handle(new StreamsException("wrapped", new LinkageError("bad class"))));
  }

  @Test
  void aThreadThatKeepsDyingShutsTheInstanceDownUntilTheWindowPasses() {
    Ticking clock = new Ticking();
    StreamThreadRecovery r = new StreamThreadRecovery(clock);
    for (int i = 0; i < StreamThreadRecovery.MAX_REPLACEMENTS; i++) {
      assertEquals(REPLACE_THREAD, r.handle(abortedTransaction()), "replacement " + (i + 1));
      clock.now = clock.now.plusSeconds(1);
    }
    assertEquals(SHUTDOWN_CLIENT, r.handle(abortedTransaction()), "one death too many within the window");
    clock.now = clock.now.plus(StreamThreadRecovery.WINDOW).plus(Duration.ofSeconds(1));
    assertEquals(REPLACE_THREAD, r.handle(abortedTransaction()), "old deaths age out");
  }
}
