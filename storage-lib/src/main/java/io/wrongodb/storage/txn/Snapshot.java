package io.wrongodb.storage.txn;

/**
 * What a reader sees: every transaction that committed with a commit number up to {@code readUpTo}, plus, for a
 * transaction's own snapshot, its own writes. A transaction still running, aborted, or committed after the
 * snapshot was taken is invisible.
 *
 * <p>WiredTiger keeps a snapshot as the list of transaction ids running when it began; numbering commits in log
 * order gives the same answer with one number to compare, because a transaction is visible exactly when its commit
 * came before the snapshot.
 */
public final class Snapshot {
    private final long readUpTo;
    private final Transaction owner;

    Snapshot(long readUpTo, Transaction owner) {
        this.readUpTo = readUpTo;
        this.owner = owner;
    }

    /** The last commit number this snapshot sees. */
    public long readUpTo() {
        return readUpTo;
    }

    /** The transaction reading through this snapshot, or null for a read outside any transaction. */
    public Transaction owner() {
        return owner;
    }

    /** True if a version by {@code writer} (null: committed before anything now running) is visible here. */
    public boolean sees(Transaction writer) {
        if (writer == null) {
            return true;
        }
        if (writer == owner) {
            return !writer.isAborted();
        }
        long committed = writer.commitNumber();
        return committed > 0 && committed <= readUpTo;
    }

    public boolean sees(Version version) {
        return sees(version.writer());
    }

    /** The newest version of the chain from {@code newest} that this snapshot sees, or null if it sees none. */
    public Version visible(Version newest) {
        for (Version v = newest; v != null; v = v.older()) {
            if (sees(v.writer())) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "snapshot up to " + readUpTo + (owner == null ? "" : " of " + owner);
    }
}
