package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.btree.TreeConfig;
import io.wrongodb.storage.wal.CommitMode;
import io.wrongodb.storage.wal.WalConfig;
import java.time.Duration;

/**
 * How a connection is opened.
 *
 * @param cacheSizeBytes bytes of pages the cache may hold before eviction starts
 * @param allocationUnit the file's block granularity (fixed when the file is created)
 * @param tree page sizes and key/value limits of every table
 * @param logEnabled whether writes go through the write-ahead log; without it only checkpoints are durable (the
 *     checkpoint crash tests run that way, to test checkpoints alone)
 * @param wal log file size and commit interval
 * @param commitMode when a write returns, unless its session says otherwise: {@link CommitMode#ASYNC} (as
 *     MongoDB's default {@code j: false}, and WiredTiger's default) or {@link CommitMode#SYNC}
 * @param checkpointInterval time between the checkpoints a background thread writes while the connection is open
 *     (MongoDB's {@code syncdelay}, 60 s by default); zero for none, only those asked for and the one at close
 */
public record StorageConfig(
        long cacheSizeBytes,
        int allocationUnit,
        TreeConfig tree,
        boolean logEnabled,
        WalConfig wal,
        CommitMode commitMode,
        Duration checkpointInterval) {
    /** Without a log or background checkpoints: only the checkpoints asked for are durable. */
    public StorageConfig(long cacheSizeBytes, int allocationUnit, TreeConfig tree) {
        this(cacheSizeBytes, allocationUnit, tree, false, WalConfig.defaults(), CommitMode.ASYNC, Duration.ZERO);
    }

    public static final int DEFAULT_LEAF_PAGE_MAX = 32 * 1024;
    public static final int DEFAULT_INTERNAL_PAGE_MAX = 16 * 1024;
    public static final int DEFAULT_OVERFLOW_THRESHOLD = 8 * 1024;
    /** The longest key: keys live in pages, so they stay small. */
    public static final int DEFAULT_MAX_KEY_SIZE = 4 * 1024;
    /** The longest value: a 16 MiB BSON document with room to spare. */
    public static final int DEFAULT_MAX_VALUE_SIZE = 64 * 1024 * 1024;

    public static StorageConfig defaults() {
        return new StorageConfig(
                256L * 1024 * 1024,
                BlockFile.DEFAULT_ALLOCATION_UNIT,
                new TreeConfig(
                        DEFAULT_LEAF_PAGE_MAX,
                        DEFAULT_INTERNAL_PAGE_MAX,
                        DEFAULT_OVERFLOW_THRESHOLD,
                        DEFAULT_MAX_KEY_SIZE,
                        DEFAULT_MAX_VALUE_SIZE),
                true,
                WalConfig.defaults(),
                CommitMode.ASYNC,
                Duration.ofSeconds(60));
    }

    public StorageConfig withCacheSize(long bytes) {
        return new StorageConfig(bytes, allocationUnit, tree, logEnabled, wal, commitMode, checkpointInterval);
    }

    public StorageConfig withTree(TreeConfig tree) {
        return new StorageConfig(cacheSizeBytes, allocationUnit, tree, logEnabled, wal, commitMode, checkpointInterval);
    }

    public StorageConfig withLog(boolean enabled) {
        return new StorageConfig(cacheSizeBytes, allocationUnit, tree, enabled, wal, commitMode, checkpointInterval);
    }

    public StorageConfig withWal(WalConfig wal) {
        return new StorageConfig(cacheSizeBytes, allocationUnit, tree, logEnabled, wal, commitMode, checkpointInterval);
    }

    public StorageConfig withCommitMode(CommitMode mode) {
        return new StorageConfig(cacheSizeBytes, allocationUnit, tree, logEnabled, wal, mode, checkpointInterval);
    }

    public StorageConfig withCheckpointInterval(Duration interval) {
        return new StorageConfig(cacheSizeBytes, allocationUnit, tree, logEnabled, wal, commitMode, interval);
    }
}
