package io.wrongodb.bench.engine;

import java.nio.file.Path;
import org.openjdk.jmh.infra.Blackhole;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/** RocksDB through rocksdbjni, with the write-ahead log off. */
final class RocksEngine implements KvEngine {
    static {
        RocksDB.loadLibrary();
    }

    private final LRUCache blockCache;
    private final BloomFilter bloom;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    RocksEngine(Path directory) {
        blockCache = new LRUCache(Engines.CACHE_BYTES);
        bloom = new BloomFilter(10);
        options = new Options()
                .setCreateIfMissing(true)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(
                        new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(bloom));
        writeOptions = new WriteOptions().setDisableWAL(true).setSync(false);
        try {
            directory.toFile().mkdirs();
            db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void makeDurable() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void settle() {
        try {
            while (db.getLongProperty("rocksdb.compaction-pending") > 0
                    || db.getLongProperty("rocksdb.num-running-compactions") > 0
                    || db.getLongProperty("rocksdb.num-running-flushes") > 0) {
                Thread.sleep(100);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long scan(Blackhole sink) {
        long n = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                sink.consume(it.key());
                sink.consume(it.value());
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
        bloom.close();
        blockCache.close();
    }
}
