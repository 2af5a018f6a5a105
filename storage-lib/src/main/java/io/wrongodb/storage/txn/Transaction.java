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
    // 0 while running, the commit number once committed, -1 once aborted. Written once, read without locks.
    private volatile long commitNumber = RUNNING;

    Transaction(long id, long readUpTo) {
        this.id = id;
        this.snapshot = new Snapshot(readUpTo, this);
    }

    public long id() {
        return id;
    }

    /** What this transaction reads: commits up to its start, and its own writes. */
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
