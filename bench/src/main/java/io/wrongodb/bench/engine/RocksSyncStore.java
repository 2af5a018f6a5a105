package io.wrongodb.bench.engine;

import java.nio.file.Path;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/** RocksDB with its write-ahead log on and every write synced: the baseline WrongoDB's group commit must meet. */
final class RocksSyncStore implements SyncStore {
    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    RocksSyncStore(Path directory) {
        options = new Options().setCreateIfMissing(true).setCompressionType(CompressionType.NO_COMPRESSION);
        writeOptions = new WriteOptions().setDisableWAL(false).setSync(true);
        try {
            directory.toFile().mkdirs();
            db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Writer writer() {
        return (key, value) -> {
            try {
                db.put(writeOptions, key, value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Override
    public LogCounters counters() {
        return null;
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
    }
}
