package io.wrongodb.storage.txn;

/**
 * One transaction: its id, the snapshot it reads, and its fate. Versions it writes point at it, so a reader learns
 * from the version itself whether its writer has committed, and when.
 *
 * <p>A transaction commits once: {@link Transactions#commit} gives it the next commit number, in the same order
 * as its record enters the log. Until then it is running, and nobody but itself sees its versions.
 */
public final class Transaction {
    private static final long RUNNING = 0;
    private static final long ABORTED = -1;

    private final long id;
    private final Snapshot snapshot;
    private final boolean pinned;
    // 0 while running, the commit number once committed, -1 once aborted. Written once, read without locks.
    private volatile long commitNumber = RUNNING;

    Transaction(long id, long readUpTo, boolean pinned) {
        this.id = id;
        this.snapshot = new Snapshot(readUpTo, this);
        this.pinned = pinned;
    }

    /** True if its snapshot holds back reclamation until it ends (false for a single write, see Transactions). */
    boolean isPinned() {
        return pinned;
    }

    public long id() {
        return id;
    }

    /**
     * What this transaction reads: commits up to its start, and its own writes. (A single write outside a
     * transaction reads a newer snapshot, taken under its tree's latch: {@link Transactions#latestFor}.)
     */
    public Snapshot snapshot() {
        return snapshot;
    }

    public boolean isRunning() {
        return commitNumber == RUNNING;
    }

    public boolean isCommitted() {
        return commitNumber > 0;
    }

    public boolean isAborted() {
        return commitNumber == ABORTED;
    }

    /** The commit number, or 0 while running (-1 if aborted). */
    public long commitNumber() {
        return commitNumber;
    }

    void markCommitted(long number) {
        commitNumber = number;
    }

    void markAborted() {
        commitNumber = ABORTED;
    }

    @Override
    public String toString() {
        return "txn " + id + (isCommitted() ? " committed as " + commitNumber : isAborted() ? " aborted" : " running");
    }
}
