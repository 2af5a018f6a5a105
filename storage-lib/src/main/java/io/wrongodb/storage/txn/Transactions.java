package io.wrongodb.storage.txn;

import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The connection's transactions: hands out ids and snapshots, numbers commits, and knows the oldest snapshot still
 * in use, behind which old versions can go (WiredTiger's global transaction state).
 *
 * <p>One lock orders commits and pinned snapshots. A commit takes its number under it, and runs the caller's log
 * append under it too, so commit numbers follow the log; a transaction's snapshot is taken and pinned under it, so
 * nothing it needs can be reclaimed between the two; and a checkpoint pins its snapshot and reads the log's end in
 * one step, so the commits it holds are exactly those before that position. Reads of the latest snapshot and of
 * the oldest pinned one take no lock.
 */
public final class Transactions {
    private final AtomicLong nextId = new AtomicLong(1);
    // Everything committed so far, replaced under the lock after the committing transaction got its number: whoever
    // reads a snapshot here sees that transaction committed. Reads outside a transaction share it.
    private volatile Snapshot latest = new Snapshot(0, null);
    private final AtomicLong running = new AtomicLong();
    // Snapshots in use, by the commit number each reads up to, with how many share it; and the smallest of them
    // (Long.MAX_VALUE for none), kept for readers that take no lock: writers ask for it under a tree's latch.
    private final TreeMap<Long, Integer> pinned = new TreeMap<>();
    private volatile long oldestPinned = Long.MAX_VALUE;

    /** Starts a transaction whose snapshot sees every commit so far. */
    public synchronized Transaction begin() {
        long readUpTo = latest.readUpTo();
        Transaction txn = new Transaction(nextId.getAndIncrement(), readUpTo, true);
        pin(readUpTo);
        running.incrementAndGet();
        return txn;
    }

    /**
     * Starts the transaction of a single write outside any transaction. Its snapshot is not registered: the write
     * reads {@link #latestFor} under its tree's latch, where nothing can be reclaimed, so a writer waiting for the
     * latch does not hold back reclamation of what others commit meanwhile.
     */
    public Transaction beginSingleWrite() {
        Transaction txn = new Transaction(nextId.getAndIncrement(), latest.readUpTo(), false);
        running.incrementAndGet();
        return txn;
    }

    /** A snapshot of everything committed now, plus {@code owner}'s own writes; for use under a tree's latch. */
    public Snapshot latestFor(Transaction owner) {
        return new Snapshot(latest.readUpTo(), owner);
    }

    /**
     * Commits {@code txn}: runs {@code append} (which writes its log record) and gives it the next commit number,
     * in one step. Returns what {@code append} returned.
     */
    public synchronized <T> T commit(Transaction txn, Supplier<T> append) {
        checkRunning(txn);
        T logged = append.get();
        long number = latest.readUpTo() + 1;
        txn.markCommitted(number);
        latest = new Snapshot(number, null);
        end(txn);
        return logged;
    }

    /** Ends a transaction that wrote nothing, or whose versions were rolled back: nobody will ever see them. */
    public void abort(Transaction txn) {
        if (txn.isPinned()) {
            synchronized (this) {
                endAborted(txn);
            }
        } else {
            // Nothing of it is pinned: no lock needed.
            endAborted(txn);
        }
    }

    private void endAborted(Transaction txn) {
        checkRunning(txn);
        txn.markAborted();
        end(txn);
    }

    /**
     * A snapshot of everything committed now, for one read that holds its tree's latch from start to end (no
     * version can be reclaimed under it meanwhile, so it need not be registered).
     */
    public Snapshot latest() {
        return latest;
    }

    /** A snapshot of everything committed now, registered until {@link #release}; {@code atomically} runs with it. */
    public synchronized Snapshot pinLatest(Runnable atomically) {
        atomically.run();
        Snapshot pinnedNow = latest;
        pin(pinnedNow.readUpTo());
        return pinnedNow;
    }

    public synchronized void release(Snapshot snapshot) {
        unpin(snapshot.readUpTo());
    }

    /**
     * The commit number the oldest snapshot in use reads up to: every version committed by then is seen by all.
     * Lock-free: the latest commit is read first, so a snapshot pinned meanwhile reads up to at least that much.
     */
    public long oldestSnapshot() {
        long last = latest.readUpTo();
        return Math.min(last, oldestPinned);
    }

    public long lastCommit() {
        return latest.readUpTo();
    }

    /** Transactions begun and not yet ended. */
    public long running() {
        return running.get();
    }

    private void end(Transaction txn) {
        if (txn.isPinned()) {
            unpin(txn.snapshot().readUpTo());
        }
        running.decrementAndGet();
    }

    private void pin(long readUpTo) {
        pinned.merge(readUpTo, 1, Integer::sum);
        oldestPinned = pinned.firstKey();
    }

    private void unpin(long readUpTo) {
        pinned.computeIfPresent(readUpTo, (k, n) -> n == 1 ? null : n - 1);
        oldestPinned = pinned.isEmpty() ? Long.MAX_VALUE : pinned.firstKey();
    }

    private static void checkRunning(Transaction txn) {
        if (!txn.isRunning()) {
            throw new IllegalStateException(txn + " has already ended");
        }
    }
}
