package dev.acpstream.topology;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One block cache and one write-buffer manager for every RocksDB store of an application
 * instance, so state memory is capped by {@code acp.rocksdb.memory.bytes} however many tasks and
 * stores the instance hosts (Kafka Streams' "bounded memory" recipe). The instance owns it and
 * closes it after Kafka Streams has closed.
 */
public final class SharedRocksDbMemory implements AutoCloseable {

  /** Share of the cap reserved for memtables; they are charged to the cache itself. */
  private static final double MEMTABLE_SHARE = 0.5;
  /** Share of the cache kept for index and filter blocks (high priority). */
  private static final double INDEX_FILTER_SHARE = 0.1;

  static {
    RocksDB.loadLibrary();
  }

  private final long capBytes;
  private final Cache cache;
  private final WriteBufferManager writeBuffers;

  public SharedRocksDbMemory(long capBytes) {
    this.capBytes = capBytes;
    this.cache = new LRUCache(capBytes, -1, false, INDEX_FILTER_SHARE);
    this.writeBuffers = new WriteBufferManager((long) (capBytes * MEMTABLE_SHARE), cache);
  }

  public long capBytes() {
    return capBytes;
  }

  Cache cache() {
    return cache;
  }

  WriteBufferManager writeBuffers() {
    return writeBuffers;
  }

  @Override
  public void close() {
    writeBuffers.close();
    cache.close();
  }
}
