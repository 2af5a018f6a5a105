package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.btree.TreeConfig;

/**
 * How a connection is opened.
 *
 * @param cacheSizeBytes bytes of pages the cache may hold before eviction starts
 * @param allocationUnit the file's block granularity (fixed when the file is created)
 * @param tree page sizes and key/value limits of every table
 */
public record StorageConfig(long cacheSizeBytes, int allocationUnit, TreeConfig tree) {
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
                        DEFAULT_MAX_VALUE_SIZE));
    }

    public StorageConfig withCacheSize(long bytes) {
        return new StorageConfig(bytes, allocationUnit, tree);
    }

    public StorageConfig withTree(TreeConfig tree) {
        return new StorageConfig(cacheSizeBytes, allocationUnit, tree);
    }
}
