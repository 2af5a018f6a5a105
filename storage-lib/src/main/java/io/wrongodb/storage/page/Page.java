package io.wrongodb.storage.page;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page in memory. Pages are materialized from their block when read: keys and values in sorted arrays, which
 * change in place under the tree's write latch. Dirty pages differ from their block (or have none) and are
 * written copy-on-write by reconciliation: never over the old block, always to a new one.
 */
public abstract sealed class Page permits LeafPage, InternalPage {
    private boolean dirty;
    private volatile boolean recentlyUsed = true;
    private final AtomicInteger pins = new AtomicInteger();

    public boolean isDirty() {
        return dirty;
    }

    public void markDirty() {
        dirty = true;
    }

    public void markClean() {
        dirty = false;
    }

    /** Clock eviction's reference bit: set on every access, cleared by the eviction hand as it passes. */
    public void touch() {
        if (!recentlyUsed) {
            // Only a write when the bit flips: readers of a hot page do not keep dirtying its cache line.
            recentlyUsed = true;
        }
    }

    public boolean takeRecentlyUsed() {
        boolean was = recentlyUsed;
        recentlyUsed = false;
        return was;
    }

    public void pin() {
        pins.incrementAndGet();
    }

    public void unpin() {
        if (pins.decrementAndGet() < 0) {
            throw new IllegalStateException("page unpinned more often than pinned");
        }
    }

    public boolean isPinned() {
        return pins.get() > 0;
    }

    /** Number of entries (leaf) or children (internal). */
    public abstract int size();

    /** Bytes the page occupies once serialized, header included. */
    public abstract int serializedSize();

    /** Bytes the page holds in memory, for the cache's accounting. */
    public abstract long footprint();
}
