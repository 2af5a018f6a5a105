package io.wrongodb.storage;

import io.wrongodb.storage.btree.BTree;
import io.wrongodb.storage.support.StorageException;
import io.wrongodb.storage.txn.Snapshot;
import io.wrongodb.storage.txn.Transaction;
import io.wrongodb.storage.txn.Version;
import io.wrongodb.storage.txn.WriteConflictException;
import io.wrongodb.storage.wal.CommitMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One thread's way into the engine: it opens cursors on tables and runs transactions. Not thread-safe: a session
 * and its cursors belong to one thread at a time.
 *
 * <p>Between {@link #begin} and {@link #commit} (or {@link #rollback}) every cursor of the session reads the
 * transaction's snapshot, taken at begin, and its writes stay invisible to others until the commit, which logs them
 * as one record. Outside a transaction each operation is its own: a read sees everything committed when it runs,
 * and a write commits at once, waiting and retrying while another transaction holds an uncommitted version of its
 * key. A write that conflicts inside a transaction throws {@link WriteConflictException}; the transaction must then
 * roll back, and {@link #withTransaction} does that and runs it again.
 */
public final class Session implements AutoCloseable {
    /** How long a write outside a transaction, or {@link #withTransaction}, keeps retrying after conflicts. */
    static final long RETRY_NANOS = 10_000_000_000L;

    private final Connection connection;
    private final List<TableCursor> cursors = new ArrayList<>();
    private final List<Connection.Change> changes = new ArrayList<>();
    private CommitMode commitMode;
    private Transaction txn;

    Session(Connection connection, CommitMode commitMode) {
        this.connection = connection;
        this.commitMode = commitMode;
    }

    /** When this session's commits return: after the log's fsync (SYNC) or once buffered (ASYNC). */
    public CommitMode commitMode() {
        return commitMode;
    }

    public void setCommitMode(CommitMode commitMode) {
        this.commitMode = commitMode;
    }

    public TableCursor openCursor(String table) {
        TableCursor cursor = new TableCursor(connection, this, connection.table(table));
        cursors.add(cursor);
        return cursor;
    }

    // ---- transactions -------------------------------------------------------------------------------------

    /** Starts a transaction: from now on this session reads one snapshot, the commits up to this moment. */
    public void begin() {
        if (txn != null) {
            throw new IllegalStateException("a transaction is already running in this session");
        }
        resetCursors();
        txn = connection.transactions().begin();
    }

    /** True between {@link #begin} and the commit or rollback. */
    public boolean inTransaction() {
        return txn != null;
    }

    /** The running transaction, or null. */
    public Transaction transaction() {
        return txn;
    }

    /**
     * Makes the transaction's writes visible to every later snapshot and durable as the commit mode says. If the
     * commit fails (the log cannot be written), the transaction is rolled back and the failure thrown.
     */
    public void commit() {
        Transaction committing = requireTransaction();
        resetCursors();
        try {
            connection.commit(committing, changes, commitMode);
        } catch (RuntimeException | Error e) {
            connection.rollback(committing, changes);
            throw e;
        } finally {
            txn = null;
            changes.clear();
        }
    }

    /** Undoes the transaction's writes; nobody ever saw them. */
    public void rollback() {
        Transaction aborting = requireTransaction();
        resetCursors();
        try {
            connection.rollback(aborting, changes);
        } finally {
            txn = null;
            changes.clear();
        }
    }

    /**
     * Runs {@code work} in a transaction and commits it; on a write conflict rolls back, waits a random, growing
     * while, and runs it again (for up to {@value #RETRY_NANOS} ns, then the conflict is thrown). Any other failure
     * rolls back and is thrown.
     */
    public <T> T withTransaction(Function<Session, T> work) {
        long deadline = System.nanoTime() + RETRY_NANOS;
        for (int attempt = 0; ; attempt++) {
            begin();
            try {
                T result = work.apply(this);
                commit();
                return result;
            } catch (WriteConflictException e) {
                if (txn != null) {
                    rollback();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                backOff(attempt);
            } catch (RuntimeException | Error e) {
                if (txn != null) {
                    rollback();
                }
                throw e;
            }
        }
    }

    /** What this session's reads see: its transaction's snapshot, or everything committed now. */
    Snapshot readSnapshot() {
        return txn != null ? txn.snapshot() : connection.transactions().latest();
    }

    /** A write by one of this session's cursors: into the transaction, or committed at once. */
    boolean write(BTree tree, byte[] key, byte[] value, BTree.PutMode mode) {
        byte[] copy = value == null ? null : value.clone();
        if (txn != null) {
            boolean applied = tree.write(key, new Version(txn, copy), mode, txn::snapshot);
            if (applied) {
                changes.add(new Connection.Change(tree, key.clone(), copy));
            }
            return applied;
        }
        long deadline = System.nanoTime() + RETRY_NANOS;
        for (int attempt = 0; ; attempt++) {
            Transaction single = connection.transactions().beginSingleWrite();
            List<Connection.Change> written = List.of();
            try {
                Supplier<Snapshot> latest = () -> connection.transactions().latestFor(single);
                if (!tree.write(key, new Version(single, copy), mode, latest)) {
                    connection.transactions().abort(single);
                    return false;
                }
                written = List.of(new Connection.Change(tree, key.clone(), copy));
                connection.commit(single, written, commitMode);
                return true;
            } catch (WriteConflictException e) {
                connection.rollback(single, written);
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                backOff(attempt);
            } catch (RuntimeException | Error e) {
                connection.rollback(single, written);
                throw e;
            }
        }
    }

    /** Waits a random time that grows with each attempt, from microseconds up to about 100 ms. */
    private static void backOff(int attempt) {
        long ceiling = Math.min(100_000_000L, 10_000L << Math.min(attempt, 14));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private Transaction requireTransaction() {
        if (txn == null) {
            throw new StorageException("no transaction is running in this session");
        }
        return txn;
    }

    /** A closed cursor: its session stops resetting it at each commit. */
    void forget(TableCursor cursor) {
        cursors.remove(cursor);
    }

    private void resetCursors() {
        cursors.forEach(TableCursor::reset);
    }

    public void checkpoint() {
        connection.checkpoint();
    }

    /** Rolls back a running transaction and releases the cursors. */
    @Override
    public void close() {
        if (txn != null) {
            rollback();
        }
        new ArrayList<>(cursors).forEach(TableCursor::reset);
        cursors.clear();
    }
}
