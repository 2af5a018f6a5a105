package io.wrongodb.bench.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The engines compared, by the names the benchmarks take as a parameter, and how each one is configured. */
public final class Engines {
    public static final String WRONGODB = "wrongodb";
    public static final String LMDB = "lmdb";
    public static final String ROCKSDB = "rocksdb";
    public static final String MVSTORE = "mvstore";

    /** In the order reports list them. */
    public static final List<String> ALL = List.of(WRONGODB, LMDB, ROCKSDB, MVSTORE);

    /** The memory each engine may use for its own cache of pages or blocks. */
    public static final long CACHE_BYTES = 256L * 1024 * 1024;

    /** How each engine is set up, for the reports: durability first, then caching. */
    public static final Map<String, String> SETTINGS = Map.of(
            WRONGODB,
            "Log disabled (StorageConfig.withLog(false)), as RocksDB's WAL is here: writes stay in the cache"
                    + " (evicted pages are written, never synced) until a checkpoint, which writes every dirty page and"
                    + " fsyncs. A load ends with Connection.checkpoint(). Page cache"
                    + " 256 MiB, default page sizes (32 KiB leaves, 16 KiB internal pages).",
            LMDB,
            "Env flags MDB_NOSYNC | MDB_NOTLS: commits write pages but never fsync. Puts are batched, "
                    + LmdbEngine.PUTS_PER_TXN + " per write transaction; a load ends by committing and"
                    + " Env.sync(true). Map size " + (LmdbEngine.MAP_SIZE >> 30) + " GiB. No cache of its own:"
                    + " reads go through the OS page cache (mmap). Gets and scans reuse one read-only transaction"
                    + " and copy each value (and key) out of the map into a byte[].",
            ROCKSDB,
            "WriteOptions disableWAL=true, sync=false. A load ends with flush(waitForFlush=true), which writes the"
                    + " memtables to SST files and fsyncs them. Block cache LRU 256 MiB, bloom filter 10 bits/key,"
                    + " compression off (no other engine compresses), otherwise defaults (64 MiB memtables,"
                    + " 2 background jobs). Read data sets are left with no compaction pending.",
            MVSTORE,
            "H2 " + org.h2.engine.Constants.VERSION + " MVStore, default auto-commit (a background thread writes a"
                    + " new version when ~1 MiB of changes is pending, no fsync). A load ends with commit() and"
                    + " sync(). cacheSize 256 MiB; byte[] keys and values (ByteArrayDataType). Caveat: its cache"
                    + " does not stay within that size. Outside the benchmark, three full scans of the 1000-byte data"
                    + " set left getCacheSizeUsed() at about 1 GB (the whole data set), and later scans ran at memory"
                    + " speed, so its 1000-byte scan figures are in effect in-memory numbers.");

    private Engines() {}

    /** Opens (creating if needed) the engine's store in {@code directory}. */
    public static KvEngine open(String engine, Path directory) {
        return switch (engine) {
            case WRONGODB -> new WrongoEngine(directory);
            case LMDB -> new LmdbEngine(directory);
            case ROCKSDB -> new RocksEngine(directory);
            case MVSTORE -> new MvStoreEngine(directory);
            default -> throw new IllegalArgumentException("no engine named " + engine + "; expected one of " + ALL);
        };
    }
}
