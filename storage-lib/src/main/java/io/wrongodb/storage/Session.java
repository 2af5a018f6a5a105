package io.wrongodb.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * One thread's way into the engine: it opens cursors on tables. Not thread-safe: a session and its cursors belong
 * to one thread at a time. Transactions arrive here with MVCC.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final List<TableCursor> cursors = new ArrayList<>();

    Session(Connection connection) {
        this.connection = connection;
    }

    public TableCursor openCursor(String table) {
        TableCursor cursor = new TableCursor(connection.table(table), connection.cache());
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
