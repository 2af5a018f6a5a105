package io.wrongodb.storage.btree;

import io.wrongodb.storage.page.Keys;
import io.wrongodb.storage.page.LeafPage;
import io.wrongodb.storage.page.LeafValue;
import io.wrongodb.storage.txn.Snapshot;
import io.wrongodb.storage.txn.Version;
import java.util.function.Supplier;

/**
 * A position in a tree that survives changes to it. The cursor remembers its key, its leaf and the tree's
 * version; while the version is unchanged it steps within and between leaves directly, and once the tree has
 * changed (a write, a split, an eviction) it finds its place again from its key. The leaf it stands on is pinned,
 * so eviction leaves it alone. One thread at a time, like the session that owns it.
 *
 * <p>It sees the tree through its reader's snapshot, asked afresh for each move under the tree's latch: keys that
 * snapshot does not see (written later, or removed) are stepped over.
 */
public final class TreeCursor {
    private final BTree tree;
    private final Supplier<Snapshot> reader;
    private final TreePath path = new TreePath();
    private int index;
    private byte[] key;
    // What the cursor landed on: the bytes, or a base value whose bytes are in an overflow block on disk.
    private byte[] valueBytes;
    private LeafValue valueOnDisk;
    private long seenVersion;
    private LeafPage pinned;

    /** A cursor that sees everything committed, as of each move. */
    public TreeCursor(BTree tree) {
        this(tree, tree::latest);
    }

    /** A cursor that sees what {@code reader}'s snapshot sees (asked under the tree's latch). */
    public TreeCursor(BTree tree, Supplier<Snapshot> reader) {
        this.tree = tree;
        this.reader = reader;
    }

    public boolean isPositioned() {
        return key != null;
    }

    /** Positions on {@code target} or the nearest key after it (forward) or before it (backward). */
    public boolean seek(byte[] target, boolean forward) {
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            return position(target, forward, true, reader.get());
        } finally {
            tree.latch().readLock().unlock();
        }
    }

    public boolean first() {
        return edge(true);
    }

    public boolean last() {
        return edge(false);
    }

    public boolean next() {
        return step(true);
    }

    public boolean prev() {
        return step(false);
    }

    public byte[] key() {
        if (key == null) {
            throw new IllegalStateException("the cursor is not positioned");
        }
        return key.clone();
    }

    /**
     * The value at the cursor as its reader sees it now: null if its key is gone for the reader since the cursor
     * moved there.
     */
    public byte[] value() {
        if (key == null) {
            throw new IllegalStateException("the cursor is not positioned");
        }
        if (tree.version() == seenVersion && valueBytes != null) {
            // Nothing changed since the cursor landed, so what it landed on is current. Bytes never change (a write
            // adds a version or replaces a value whole), so they need no latch.
            return valueBytes.clone();
        }
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            if (tree.version() == seenVersion) {
                // An overflow block might be freed by a write racing this read, so reading one takes the latch.
                return tree.valueBytes(valueOnDisk).clone();
            }
        } finally {
            tree.latch().readLock().unlock();
        }
        byte[] value = tree.get(key, reader);
        return value == null ? null : value.clone();
    }

    public void reset() {
        key = null;
        valueBytes = null;
        valueOnDisk = null;
        path.clear();
        repin(null);
    }

    private boolean edge(boolean first) {
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            path.clear();
            tree.descendEdge(path, first);
            return settle(first ? 0 : path.leaf.size() - 1, first, reader.get());
        } finally {
            tree.latch().readLock().unlock();
        }
    }

    private boolean step(boolean forward) {
        if (key == null) {
            return edge(forward);
        }
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            Snapshot snapshot = reader.get();
            if (tree.version() == seenVersion) {
                return settle(index + (forward ? 1 : -1), forward, snapshot);
            }
            return position(key, forward, false, snapshot);
        } finally {
            tree.latch().readLock().unlock();
        }
    }

    private boolean position(byte[] target, boolean forward, boolean inclusive, Snapshot snapshot) {
        LeafPage leaf = tree.descend(target, path);
        int found = leaf.search(target);
        int at;
        if (found >= 0) {
            at = inclusive ? found : found + (forward ? 1 : -1);
        } else {
            int insertion = -found - 1;
            at = forward ? insertion : insertion - 1;
        }
        return settle(at, forward, snapshot);
    }

    /**
     * Lands on the first entry from {@code at} on (or back) that {@code snapshot} sees a value at, moving to
     * neighbouring leaves while it is out of range.
     */
    private boolean settle(int at, boolean forward, Snapshot snapshot) {
        while (true) {
            while (at < 0 || at >= path.leaf.size()) {
                if (!tree.stepLeaf(path, forward)) {
                    reset();
                    return false;
                }
                at = forward ? 0 : path.leaf.size() - 1;
            }
            if (land(at, snapshot)) {
                break;
            }
            at += forward ? 1 : -1;
        }
        index = at;
        key = path.leaf.key(at);
        seenVersion = tree.version();
        repin(path.leaf);
        return true;
    }

    /** Takes entry {@code at}'s value as {@code snapshot} sees it; false if it sees none there. */
    private boolean land(int at, Snapshot snapshot) {
        LeafPage leaf = path.leaf;
        Version newest = leaf.chain(at);
        Version seen = newest == null ? null : snapshot.visible(newest);
        if (seen != null) {
            valueBytes = seen.value();
            valueOnDisk = null;
            return valueBytes != null;
        }
        LeafValue base = leaf.value(at);
        if (base == null) {
            return false;
        }
        valueBytes = base.bytesInMemory();
        valueOnDisk = valueBytes == null ? base : null;
        return true;
    }

    private void repin(LeafPage leaf) {
        if (pinned == leaf) {
            return;
        }
        if (pinned != null) {
            pinned.unpin();
        }
        pinned = leaf;
        if (leaf != null) {
            leaf.pin();
        }
    }

    /** True if the cursor stands on exactly {@code target}. */
    public boolean isAt(byte[] target) {
        return key != null && Keys.compare(key, target) == 0;
    }
}
