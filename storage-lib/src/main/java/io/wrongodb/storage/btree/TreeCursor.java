package io.wrongodb.storage.btree;

import io.wrongodb.storage.page.Keys;
import io.wrongodb.storage.page.LeafPage;
import io.wrongodb.storage.page.LeafValue;

/**
 * A position in a tree that survives changes to it. The cursor remembers its key, its leaf and the tree's
 * version; while the version is unchanged it steps within and between leaves directly, and once the tree has
 * changed (a write, a split, an eviction) it finds its place again from its key. The leaf it stands on is pinned,
 * so eviction leaves it alone. One thread at a time, like the session that owns it.
 */
public final class TreeCursor {
    private final BTree tree;
    private final TreePath path = new TreePath();
    private int index;
    private byte[] key;
    private LeafValue value;
    private long seenVersion;
    private LeafPage pinned;

    public TreeCursor(BTree tree) {
        this.tree = tree;
    }

    public boolean isPositioned() {
        return key != null;
    }

    /** Positions on {@code target} or the nearest key after it (forward) or before it (backward). */
    public boolean seek(byte[] target, boolean forward) {
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            return position(target, forward, true);
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

    /** The value at the cursor, or null if another operation removed its key since the cursor moved there. */
    public byte[] value() {
        if (key == null) {
            throw new IllegalStateException("the cursor is not positioned");
        }
        if (tree.version() == seenVersion) {
            // Nothing changed since the cursor landed, so the value it landed on is current. Inline bytes never
            // change (a write replaces the whole value), so they need no latch; an overflow block might be freed
            // by a write racing this read, so reading one takes the latch.
            byte[] inline = value.bytesInMemory();
            if (inline != null) {
                return inline.clone();
            }
        }
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            if (tree.version() == seenVersion) {
                return tree.valueBytes(path.leaf.value(index)).clone();
            }
        } finally {
            tree.latch().readLock().unlock();
        }
        byte[] value = tree.get(key);
        return value == null ? null : value.clone();
    }

    public void reset() {
        key = null;
        value = null;
        path.clear();
        repin(null);
    }

    private boolean edge(boolean first) {
        tree.latch().readLock().lock();
        try {
            tree.checkOpen();
            path.clear();
            tree.descendEdge(path, first);
            return settle(first ? 0 : path.leaf.size() - 1, first);
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
            if (tree.version() == seenVersion) {
                return settle(index + (forward ? 1 : -1), forward);
            }
            return position(key, forward, false);
        } finally {
            tree.latch().readLock().unlock();
        }
    }

    private boolean position(byte[] target, boolean forward, boolean inclusive) {
        LeafPage leaf = tree.descend(target, path);
        int found = leaf.search(target);
        int at;
        if (found >= 0) {
            at = inclusive ? found : found + (forward ? 1 : -1);
        } else {
            int insertion = -found - 1;
            at = forward ? insertion : insertion - 1;
        }
        return settle(at, forward);
    }

    /** Lands on entry {@code at} of the current leaf, moving to neighbouring leaves while it is out of range. */
    private boolean settle(int at, boolean forward) {
        while (at < 0 || at >= path.leaf.size()) {
            if (!tree.stepLeaf(path, forward)) {
                reset();
                return false;
            }
            at = forward ? 0 : path.leaf.size() - 1;
        }
        index = at;
        key = path.leaf.key(at);
        value = path.leaf.value(at);
        seenVersion = tree.version();
        repin(path.leaf);
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
