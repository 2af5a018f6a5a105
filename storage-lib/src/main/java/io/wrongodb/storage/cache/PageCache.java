package io.wrongodb.storage.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The page cache's accounting and eviction policy. Trees charge the bytes of the pages they hold in memory here;
 * when the total passes the capacity, the thread that is about to start an operation evicts (as WiredTiger's
 * application threads help eviction when the cache is full), asking each tree in turn, round robin, to give back
 * pages. The trees run the clock: a page touched since the hand last passed gets a second chance.
 *
 * <p>If the cache stays over capacity because every page left is pinned (by positioned cursors), the operation
 * fails with {@link CacheFullException} instead of waiting for room that may never come. While a checkpoint runs,
 * dirty pages of the trees it has written cannot be evicted until it ends; an operation that finds nothing else to
 * evict waits for that.
 */
public final class PageCache {
    /** Eviction brings the cache down to this share of its capacity, so it does not run on every operation. */
    private static final double EVICTION_TARGET = 0.9;
    /**
     * Passes that free too little, with pauses growing to 20 ms between them (about 2 s in all), before giving up:
     * long enough for writers waiting on a slow fsync to end the transactions that pin their versions.
     */
    private static final int FRUITLESS_PASSES = 110;

    private final long capacity;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong evictedPages = new AtomicLong();
    private final List<EvictionTarget> targets = new CopyOnWriteArrayList<>();
    private int nextTarget;
    // While a checkpoint runs, trees it has written evict only clean pages; an operation that finds nothing to
    // evict waits for the checkpoint to end instead of failing.
    private final Object checkpointMonitor = new Object();
    private boolean checkpointRunning;
    private long checkpointsEnded;

    public PageCache(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("cache capacity must be positive: " + capacityBytes);
        }
        this.capacity = capacityBytes;
    }

    public long capacity() {
        return capacity;
    }

    public long bytesInUse() {
        return bytes.get();
    }

    public long evictedPages() {
        return evictedPages.get();
    }

    public void register(EvictionTarget target) {
        targets.add(target);
    }

    public void unregister(EvictionTarget target) {
        targets.remove(target);
    }

    /** A page came into memory or grew. */
    public void charge(long delta) {
        bytes.addAndGet(delta);
    }

    /** A page left memory or shrank. */
    public void release(long delta) {
        bytes.addAndGet(-delta);
    }

    public void pageEvicted() {
        evictedPages.incrementAndGet();
    }

    /**
     * Called before an operation, by a thread holding no tree latch: evicts until under the target, and fails if
     * the cache is still over capacity because nothing could be evicted.
     */
    public void makeRoom() {
        if (bytes.get() <= capacity) {
            return;
        }
        int fruitless = 0;
        while (true) {
            long endedBefore = checkpointsEnded();
            evictToTarget();
            if (bytes.get() <= capacity) {
                return;
            }
            if (waitForCheckpoint(endedBefore)) {
                continue;
            }
            // Other threads' writes in flight (uncommitted versions, a snapshot about to be released) can make the
            // only candidates unevictable for a moment; give them a few milliseconds before calling the cache full.
            if (++fruitless <= FRUITLESS_PASSES) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(fruitless, 20)));
            } else {
                throw new CacheFullException("the page cache holds " + bytes.get() + " bytes, over its capacity of "
                        + capacity + ", and no page can be evicted: the pages left are pinned by positioned cursors"
                        + " (close or reset them), hold versions a running transaction may still read, or are the"
                        + " tables' root pages");
            }
        }
    }

    private void evictToTarget() {
        long goal = (long) (capacity * EVICTION_TARGET);
        int idleRounds = 0;
        while (bytes.get() > goal && idleRounds < 3) {
            long freed = 0;
            List<EvictionTarget> snapshot = List.copyOf(targets);
            for (int i = 0; i < snapshot.size() && bytes.get() > goal; i++) {
                EvictionTarget target = snapshot.get(Math.floorMod(nextTarget++, snapshot.size()));
                freed += target.evict(bytes.get() - goal);
            }
            // A pass that frees nothing has still cleared reference bits; the next one may free pages.
            idleRounds = freed == 0 ? idleRounds + 1 : 0;
        }
    }

    /** A checkpoint starts: until it ends, trees it has written keep their dirty pages. */
    public void checkpointStarted() {
        synchronized (checkpointMonitor) {
            checkpointRunning = true;
        }
    }

    public void checkpointEnded() {
        synchronized (checkpointMonitor) {
            checkpointRunning = false;
            checkpointsEnded++;
            checkpointMonitor.notifyAll();
        }
    }

    private long checkpointsEnded() {
        synchronized (checkpointMonitor) {
            return checkpointsEnded;
        }
    }

    /**
     * After an eviction pass that found too little: waits for a running checkpoint to end, and returns true if one
     * ended since {@code endedBefore} (its pages may now be evictable: try again); false if none did.
     */
    private boolean waitForCheckpoint(long endedBefore) {
        synchronized (checkpointMonitor) {
            while (checkpointRunning) {
                try {
                    checkpointMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return checkpointsEnded > endedBefore;
        }
    }
}
