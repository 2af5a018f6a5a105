package io.wrongodb.bench.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A store opened for durable commits: every put returns only once it would survive a crash (its log record is
 * fsynced). Unlike {@link KvEngine}, whose one handle serves one thread, a SyncStore hands each committing thread
 * its own {@link Writer}, because the point of the commit benchmark is how the engine groups concurrent commits
 * into shared fsyncs.
 */
public interface SyncStore extends AutoCloseable {
    /** The engines the commit benchmark compares, in the order the report lists them. */
    List<String> ENGINES = List.of(Engines.WRONGODB, Engines.ROCKSDB);

    /** How each engine is set up for durable commits, for the report. */
    Map<String, String> SETTINGS = Map.of(
            Engines.WRONGODB,
            "StorageConfig.defaults() (write-ahead log on, 64 MiB log files, page cache 256 MiB) with commit mode"
                    + " SYNC, set on the connection and on each thread's session: a put returns after the group"
                    + " commit's fsync (FileChannel.force(false), fdatasync) that covers its log record. One session"
                    + " and cursor per thread, one table. No checkpoint runs during the benchmark.",
            Engines.ROCKSDB,
            "WriteOptions sync=true, WAL on (disableWAL=false): a put returns after the WAL write is fsynced;"
                    + " RocksDB's write leader groups concurrent writers into one WAL write and sync. Compression off"
                    + " (as for WrongoDB), otherwise defaults (64 MiB memtables, 2 background jobs, no"
                    + " pipelined writes). Threads share the one RocksDB handle.");

    /** One thread's way to commit: not shared between threads. */
    interface Writer {
        /** Puts one key and returns once the put is durable. */
        void put(byte[] key, byte[] value);
    }

    Writer writer();

    /**
     * Commits and log syncs the engine has counted since it opened, or null if it does not count them (RocksDB
     * counts only with statistics on, which would slow the writes the benchmark measures).
     */
    LogCounters counters();

    @Override
    void close();

    /** The write-ahead log's counters at one moment. */
    record LogCounters(long commits, long fsyncs) {
        public LogCounters minus(LogCounters earlier) {
            return new LogCounters(commits - earlier.commits, fsyncs - earlier.fsyncs);
        }

        public LogCounters plus(LogCounters other) {
            return new LogCounters(commits + other.commits, fsyncs + other.fsyncs);
        }
    }

    /** Opens (creating) the engine's store in {@code directory}, set up for durable commits. */
    static SyncStore open(String engine, Path directory) {
        return switch (engine) {
            case Engines.WRONGODB -> new WrongoSyncStore(directory);
            case Engines.ROCKSDB -> new RocksSyncStore(directory);
            default ->
                throw new IllegalArgumentException(
                        "no durable-commit store for " + engine + "; expected one of " + ENGINES);
        };
    }
}
