package dev.acpstream.topology;

import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.streams.state.RocksDBConfigSetter;

/**
 * Points every RocksDB store at the instance's {@link SharedRocksDbMemory}, which the application
 * passes in the Streams config under {@link #SHARED_MEMORY} (Kafka Streams instantiates this
 * class by name, so the shared objects travel through the config instead of a static field).
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

  /** Config key holding the {@link SharedRocksDbMemory} instance. */
  public static final String SHARED_MEMORY = "acp.rocksdb.shared-memory";

  private static final Logger LOG = LoggerFactory.getLogger(BoundedRocksDbConfig.class);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (!(configs.get(SHARED_MEMORY) instanceof SharedRocksDbMemory shared)) {
      LOG.warn("store {}: no shared RocksDB memory in the config ({}); its memory is not capped", storeName, SHARED_MEMORY);
      return;
    }
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(shared.writeBuffers());
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write-buffer manager are shared; the application closes them.
  }
}
