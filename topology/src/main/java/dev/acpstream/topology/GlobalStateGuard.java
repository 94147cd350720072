package dev.acpstream.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an instance restartable after a crash. Kafka Streams 4.4 under exactly-once finds the
 * RocksDB global stores of a killed process still marked open and refuses them; for a task it
 * wipes and restores the store, but the global thread just dies (KAFKA-21034), so an instance
 * killed at the wrong moment would fail on every restart. The guard remembers whether this
 * instance last stopped cleanly (a marker written after a clean close) and, when it did not,
 * deletes the global state before Kafka Streams opens it: global stores are rebuilt from their
 * compacted topics (the catalogue's embeddings, the models), which is what Kafka Streams does for
 * a corrupted task. It holds a lock on the application's state directory for the instance's
 * life, so it can never delete the state of another process that shares the directory.
 */
final class GlobalStateGuard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalStateGuard.class);
  static final String LOCK_FILE = "acp-instance.lock";
  static final String CLEAN_MARKER = "acp-clean-stop";
  static final String GLOBAL_DIR = "global";

  private final Path appDir;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean wiped;

  private GlobalStateGuard(Path appDir, FileChannel channel, FileLock lock, boolean wiped) {
    this.appDir = appDir;
    this.channel = channel;
    this.lock = lock;
    this.wiped = wiped;
  }

  /**
   * Locks {@code stateDir/applicationId} and, unless the last stop there was clean, deletes its
   * global state.
   *
   * @throws IllegalStateException naming the directory when another instance holds it
   */
  static GlobalStateGuard acquire(Path stateDir, String applicationId) {
    Path appDir = stateDir.resolve(applicationId);
    try {
      Files.createDirectories(appDir);
      FileChannel channel = FileChannel.open(appDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("the state directory " + appDir + " is in use by another instance "
            + "(each instance needs its own " + TopologyConfig.STATE_DIR + ")");
      }
      Path marker = appDir.resolve(CLEAN_MARKER);
      Path global = appDir.resolve(GLOBAL_DIR);
      boolean wipe = Files.exists(global) && !Files.exists(marker);
      if (wipe) {
        LOG.warn("{}: the last stop was not clean; deleting the global state so it is rebuilt from its topics", appDir);
        Utils.delete(global.toFile());
      }
      Files.deleteIfExists(marker);
      return new GlobalStateGuard(appDir, channel, lock, wipe);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the state directory " + appDir + ": " + e.getMessage(), e);
    }
  }

  /** Whether the global state of an unclean stop was deleted at start. */
  boolean wipedAtStart() {
    return wiped;
  }

  /** Records that the instance stopped cleanly (its stores closed), so the next start keeps them. */
  void markCleanStop() {
    try {
      Files.writeString(appDir.resolve(CLEAN_MARKER), "stopped cleanly\n");
    } catch (IOException e) {
      LOG.warn("cannot record the clean stop in {}: {}", appDir, e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("releasing {}: {}", appDir.resolve(LOCK_FILE), e.getMessage());
    }
  }
}
