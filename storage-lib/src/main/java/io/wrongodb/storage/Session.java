package io.wrongodb.storage;

import io.wrongodb.storage.wal.CommitMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread's way into the engine: it opens cursors on tables. Not thread-safe: a session and its cursors belong
 * to one thread at a time. Transactions arrive here with MVCC.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final List<TableCursor> cursors = new ArrayList<>();
    private CommitMode commitMode;

    Session(Connection connection, CommitMode commitMode) {
        this.connection = connection;
        this.commitMode = commitMode;
    }

    /** When this session's writes return: after the log's fsync (SYNC) or once buffered (ASYNC). */
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

    public void checkpoint() {
        connection.checkpoint();
    }

    @Override
    public void close() {
        cursors.forEach(TableCursor::reset);
        cursors.clear();
    }
}
