package io.wrongodb.storage;

import io.wrongodb.storage.btree.BTree;
import io.wrongodb.storage.btree.TreeCursor;
import io.wrongodb.storage.cache.PageCache;
import java.util.Objects;

/**
 * Reads and writes one table, inside its session's transaction if one is running, else one operation at a time
 * (see {@link Session}). Keys and values are byte arrays; keys sort by unsigned lexicographic order.
 *
 * <p>search, searchNear, seek, next and prev position the cursor (and pin its page until it moves, is reset or is
 * closed); insert, update, put and remove leave it unpositioned. A positioned cursor stays valid while other
 * operations change the table: it finds its key again.
 */
public final class TableCursor implements AutoCloseable {
    /** Where {@link #searchNear} left the cursor. */
    public enum Near {
        /** On the key searched for. */
        EXACT,
        /** On the smallest key after it. */
        AFTER,
        /** On the largest key before it (there is none after). */
        BEFORE,
        /** Nowhere: the table is empty. */
        NONE
    }

    private final Session session;
    private final BTree tree;
    private final PageCache cache;
    private final TreeCursor cursor;

    TableCursor(Connection connection, Session session, BTree tree) {
        this.session = session;
        this.tree = tree;
        this.cache = connection.cache();
        this.cursor = new TreeCursor(tree, session::readSnapshot);
    }

    /** Adds the key; false (and no change) if it exists. */
    public boolean insert(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        beginWrite();
        return session.write(tree, key, value, BTree.PutMode.INSERT);
    }

    /** Replaces the key's value; false (and no change) if it does not exist. */
    public boolean update(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        beginWrite();
        return session.write(tree, key, value, BTree.PutMode.UPDATE);
    }

    /** Inserts or replaces. */
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        beginWrite();
        session.write(tree, key, value, BTree.PutMode.UPSERT);
    }

    /** Removes the key; false if it did not exist. */
    public boolean remove(byte[] key) {
        beginWrite();
        return session.write(tree, key, null, BTree.PutMode.UPDATE);
    }

    /** Positions on {@code key} if it exists; otherwise the cursor ends unpositioned. */
    public boolean search(byte[] key) {
        cache.makeRoom();
        if (cursor.seek(key, true) && cursor.isAt(key)) {
            return true;
        }
        cursor.reset();
        return false;
    }

    /** Positions on {@code key}, else the nearest key after it, else the nearest before it. */
    public Near searchNear(byte[] key) {
        cache.makeRoom();
        if (cursor.seek(key, true)) {
            return cursor.isAt(key) ? Near.EXACT : Near.AFTER;
        }
        return cursor.seek(key, false) ? Near.BEFORE : Near.NONE;
    }

    /** Positions on the first key at or after {@code key}; false if there is none. */
    public boolean seek(byte[] key) {
        cache.makeRoom();
        return cursor.seek(key, true);
    }

    /** Moves to the next key (the first one if unpositioned); false at the end, leaving the cursor unpositioned. */
    public boolean next() {
        cache.makeRoom();
        return cursor.next();
    }

    /** Moves to the previous key (the last one if unpositioned); false at the start. */
    public boolean prev() {
        cache.makeRoom();
        return cursor.prev();
    }

    public boolean isPositioned() {
        return cursor.isPositioned();
    }

    public byte[] key() {
        return cursor.key();
    }

    /** The value at the cursor; null if another cursor removed the key since this one moved to it. */
    public byte[] value() {
        return cursor.value();
    }

    /** Unpositions the cursor and releases its page. */
    public void reset() {
        cursor.reset();
    }

    /** Releases the cursor's page and lets the session forget it. */
    @Override
    public void close() {
        cursor.reset();
        session.forget(this);
    }

    private void beginWrite() {
        cursor.reset();
        cache.makeRoom();
    }
}
