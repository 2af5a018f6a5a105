package io.wrongodb.storage.cache;

/** Something whose pages the cache can ask to leave memory: a B+tree. */
public interface EvictionTarget {
    /**
     * Evicts unpinned, not recently used pages, writing dirty ones first, until about {@code bytesWanted} bytes
     * are freed; returns the bytes freed. It may wait for the tree's latch: the cache calls it only from threads
     * that hold no latch, so the wait cannot deadlock.
     */
    long evict(long bytesWanted);
}
