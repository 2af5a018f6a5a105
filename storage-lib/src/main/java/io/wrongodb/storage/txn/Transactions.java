package io.wrongodb.storage.txn;

import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The connection's transactions: hands out ids and snapshots, numbers commits, and knows the oldest snapshot still
 * in use, behind which old versions can go (WiredTiger's global transaction state).
 *
 * <p>One lock orders it all. A commit takes its number under it, and runs the caller's log append under it too,
 * so commit numbers follow the log; a snapshot is taken and registered under it, so nothing it needs can be
 * reclaimed between the two; and a checkpoint pins its snapshot and reads the log's end in one step, so the
 * commits it holds are exactly those before that position.
 */
public final class Transactions {
    private final AtomicLong nextId = new AtomicLong(1);
    // Written under the lock, after the committing transaction's number: whoever reads a number here sees that
    // transaction committed.
    private volatile long lastCommit;
    private final AtomicLong running = new AtomicLong();
    // Snapshots in use, by the commit number each reads up to, with how many share it; and the smallest of them
    // (Long.MAX_VALUE for none), kept for readers that take no lock: writers ask for it under a tree's latch.
    private final TreeMap<Long, Integer> pinned = new TreeMap<>();
    private volatile long oldestPinned = Long.MAX_VALUE;

    /** Starts a transaction whose snapshot sees every commit so far. */
    public synchronized Transaction begin() {
        Transaction txn = new Transaction(nextId.getAndIncrement(), lastCommit, true);
        pin(lastCommit);
        running.incrementAndGet();
        return txn;
    }

    /**
     * Starts the transaction of a single write outside any transaction. Its snapshot is not registered: the write
     * reads {@link #latestFor} under its tree's latch, where nothing can be reclaimed, so a writer waiting for the
     * latch does not hold back reclamation of what others commit meanwhile.
     */
    public Transaction beginSingleWrite() {
        Transaction txn = new Transaction(nextId.getAndIncrement(), lastCommit, false);
        running.incrementAndGet();
        return txn;
    }

    /** A snapshot of everything committed now, plus {@code owner}'s own writes; for use under a tree's latch. */
    public Snapshot latestFor(Transaction owner) {
        return new Snapshot(lastCommit, owner);
    }

    /**
     * Commits {@code txn}: runs {@code append} (which writes its log record) and gives it the next commit number,
     * in one step. Returns what {@code append} returned.
     */
    public synchronized <T> T commit(Transaction txn, Supplier<T> append) {
        checkRunning(txn);
        T logged = append.get();
        lastCommit++;
        txn.markCommitted(lastCommit);
        end(txn);
        return logged;
    }

    /** Ends a transaction that wrote nothing, or whose versions were rolled back: nobody will ever see them. */
    public void abort(Transaction txn) {
        if (txn.isPinned()) {
            synchronized (this) {
                checkRunning(txn);
                txn.markAborted();
                end(txn);
            }
        } else {
            checkRunning(txn);
            txn.markAborted();
            running.decrementAndGet();
        }
    }

    /**
     * A snapshot of everything committed now, for one read that holds its tree's latch from start to end (no
     * version can be reclaimed under it meanwhile, so it need not be registered).
     */
    public Snapshot latest() {
        return new Snapshot(lastCommit, null);
    }

    /** A snapshot of everything committed now, registered until {@link #release}; {@code atomically} runs with it. */
    public synchronized Snapshot pinLatest(Runnable atomically) {
        atomically.run();
        pin(lastCommit);
        return new Snapshot(lastCommit, null);
    }

    public synchronized void release(Snapshot snapshot) {
        unpin(snapshot.readUpTo());
    }

    /**
     * The commit number the oldest snapshot in use reads up to: every version committed by then is seen by all.
     * Lock-free: {@code lastCommit} is read first, so a snapshot pinned meanwhile reads up to at least that much.
     */
    public long oldestSnapshot() {
        long last = lastCommit;
        return Math.min(last, oldestPinned);
    }

    public long lastCommit() {
        return lastCommit;
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
