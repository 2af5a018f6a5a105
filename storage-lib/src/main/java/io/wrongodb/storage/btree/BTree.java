package io.wrongodb.storage.btree;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.block.BlockType;
import io.wrongodb.storage.cache.EvictionTarget;
import io.wrongodb.storage.cache.PageCache;
import io.wrongodb.storage.page.InternalPage;
import io.wrongodb.storage.page.Keys;
import io.wrongodb.storage.page.LeafPage;
import io.wrongodb.storage.page.LeafValue;
import io.wrongodb.storage.page.Page;
import io.wrongodb.storage.page.PageFormat;
import io.wrongodb.storage.page.PageRef;
import io.wrongodb.storage.support.StorageException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A B+tree of byte-string keys and values in a {@link BlockFile}, its pages held through the {@link PageCache}.
 *
 * <ul>
 *   <li>Splits happen as writes arrive: a leaf that grows past {@code leafPageMax} splits in two at once, and the
 *       split climbs as far as the parents need, growing a new root when the old one splits.
 *   <li>A leaf emptied by removes leaves the tree at once (its block is freed), and so does a parent left
 *       childless; a root with a single child hands over to it.
 *   <li>Pages are written copy-on-write, by eviction (one dirty leaf) or by a checkpoint (every dirty page, children
 *       before parents). A page is never written over its old block, so the last checkpoint stays readable.
 * </ul>
 *
 * <p>Concurrency: one read/write latch per tree, held for a single operation (never across operations). Readers
 * share it; a writer, eviction and structure changes take it exclusively; a checkpoint takes it shared, so readers
 * go on while it writes. Pages missing from memory are loaded under their ref's monitor.
 */
public final class BTree implements EvictionTarget {
    private final String name;
    private final BlockFile file;
    private final PageCache cache;
    private final TreeConfig config;
    private final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();
    private final PageRef root;
    private volatile long version;
    private byte[] evictionHand = Keys.EMPTY;
    // Reused for every page this tree writes: only eviction (exclusive latch) and checkpoints (shared latch, one at
    // a time) write pages, and they exclude each other.
    private ByteBuffer pageImage;
    private volatile boolean dropped;
    private volatile boolean closed;

    private BTree(String name, BlockFile file, PageCache cache, TreeConfig config, BlockAddress rootAddress) {
        this.name = name;
        this.file = file;
        this.cache = cache;
        this.config = config;
        this.root = new PageRef(rootAddress, null);
        if (rootAddress.isNone()) {
            LeafPage empty = new LeafPage(config.overflowThreshold());
            empty.markDirty();
            root.setPage(empty);
            cache.charge(empty.footprint());
        } else {
            load(root);
        }
        cache.register(this);
    }

    /** Opens the tree whose root is at {@code rootAddress}, or a new empty tree for {@link BlockAddress#NONE}. */
    public static BTree open(
            String name, BlockFile file, PageCache cache, TreeConfig config, BlockAddress rootAddress) {
        return new BTree(name, file, cache, config, rootAddress);
    }

    public String name() {
        return name;
    }

    /** Changes whenever the tree's content or shape changes; a cursor re-finds its place when it differs. */
    public long version() {
        return version;
    }

    ReentrantReadWriteLock latch() {
        return latch;
    }

    // ---- reads --------------------------------------------------------------------------------------------

    /** The value stored under {@code key}, or null. */
    public byte[] get(byte[] key) {
        latch.readLock().lock();
        try {
            checkOpen();
            LeafPage leaf = descend(key, null);
            int index = leaf.search(key);
            return index < 0 ? null : valueBytes(leaf.value(index));
        } finally {
            latch.readLock().unlock();
        }
    }

    /** Walks from the root to the leaf whose range holds {@code key}, recording the way if {@code path} is given. */
    LeafPage descend(byte[] key, TreePath path) {
        if (path != null) {
            path.clear();
        }
        Page page = load(root);
        while (page instanceof InternalPage internal) {
            int index = internal.childIndex(key);
            if (path != null) {
                path.parents.add(internal);
                path.indexes.add(index);
            }
            page = load(internal.child(index));
        }
        LeafPage leaf = (LeafPage) page;
        if (path != null) {
            path.leaf = leaf;
        }
        return leaf;
    }

    /** Moves {@code path} to the first (or, backwards, last) leaf of the subtree under {@code parents[level]}'s child. */
    void descendEdge(TreePath path, boolean first) {
        Page page = path.parents.isEmpty()
                ? load(root)
                : load(path.parents.get(path.parents.size() - 1).child(path.indexes.get(path.indexes.size() - 1)));
        while (page instanceof InternalPage internal) {
            int index = first ? 0 : internal.size() - 1;
            path.parents.add(internal);
            path.indexes.add(index);
            page = load(internal.child(index));
        }
        path.leaf = (LeafPage) page;
    }

    /** Steps {@code path} to the next (or previous) leaf; false at the end of the tree. */
    boolean stepLeaf(TreePath path, boolean forward) {
        for (int level = path.parents.size() - 1; level >= 0; level--) {
            InternalPage parent = path.parents.get(level);
            int index = path.indexes.get(level) + (forward ? 1 : -1);
            if (index >= 0 && index < parent.size()) {
                path.indexes.set(level, index);
                while (path.parents.size() > level + 1) {
                    path.parents.remove(path.parents.size() - 1);
                    path.indexes.remove(path.indexes.size() - 1);
                }
                descendEdge(path, forward);
                return true;
            }
        }
        return false;
    }

    /** The bytes of a value, reading its overflow block if it is on disk. */
    byte[] valueBytes(LeafValue value) {
        byte[] bytes = value.bytesInMemory();
        if (bytes != null) {
            return bytes;
        }
        ByteBuffer payload = file.read(value.overflowAddress(), BlockType.OVERFLOW_VALUE);
        byte[] out = new byte[payload.remaining()];
        payload.get(out);
        if (out.length != value.length()) {
            throw new StorageException("overflow value at " + value.overflowAddress() + " holds " + out.length
                    + " bytes; its leaf says " + value.length());
        }
        return out;
    }

    private Page load(PageRef ref) {
        Page page = ref.page();
        if (page == null) {
            synchronized (ref) {
                page = ref.page();
                if (page == null) {
                    page = read(ref.address());
                    ref.setPage(page);
                    cache.charge(page.footprint());
                }
            }
        }
        page.touch();
        return page;
    }

    private Page read(BlockAddress address) {
        ByteBuffer payload = file.read(address, BlockType.ANY_PAGE);
        return payload.get(0) == 1
                ? PageFormat.readLeaf(payload, address, config.overflowThreshold())
                : PageFormat.readInternal(payload, address);
    }

    // ---- writes -------------------------------------------------------------------------------------------

    /** How {@link #put} treats an existing or missing key. */
    public enum PutMode {
        /** Only if the key is absent. */
        INSERT,
        /** Only if the key is present. */
        UPDATE,
        /** Either way. */
        UPSERT
    }

    /** Stores {@code value} under {@code key} as {@code mode} allows; returns false if the mode refused. */
    public boolean put(byte[] key, byte[] value, PutMode mode) {
        return put(key, value, mode, null);
    }

    /**
     * As {@link #put(byte[], byte[], PutMode)}; {@code beforeApply}, if given, runs under the latch once the write
     * is sure to happen and before it is applied: where the engine gives the write its place in the log, so that
     * log order and tree order agree.
     */
    public boolean put(byte[] key, byte[] value, PutMode mode, Runnable beforeApply) {
        checkSizes(key, value);
        latch.writeLock().lock();
        try {
            checkOpen();
            TreePath path = new TreePath();
            LeafPage leaf = descend(key, path);
            long before = leaf.footprint();
            int index = leaf.search(key);
            boolean appended = false;
            if ((index >= 0 && mode == PutMode.INSERT) || (index < 0 && mode == PutMode.UPDATE)) {
                return false;
            }
            if (beforeApply != null) {
                beforeApply.run();
            }
            if (index >= 0) {
                freeValue(leaf.replace(index, LeafValue.of(value.clone())));
            } else {
                int at = -index - 1;
                appended = at == leaf.size() && isRightmost(path);
                leaf.insert(at, key.clone(), LeafValue.of(value.clone()));
            }
            cache.charge(leaf.footprint() - before);
            if (leaf.serializedSize() > config.leafPageMax() && leaf.size() > 1) {
                splitLeaf(path, appended);
            }
            version++;
            return true;
        } finally {
            latch.writeLock().unlock();
        }
    }

    /** Removes {@code key}; returns false if it was absent. */
    public boolean remove(byte[] key) {
        return remove(key, null);
    }

    /** As {@link #remove(byte[])}, running {@code beforeApply} under the latch once the key is known to exist. */
    public boolean remove(byte[] key, Runnable beforeApply) {
        latch.writeLock().lock();
        try {
            checkOpen();
            TreePath path = new TreePath();
            LeafPage leaf = descend(key, path);
            int index = leaf.search(key);
            if (index < 0) {
                return false;
            }
            if (beforeApply != null) {
                beforeApply.run();
            }
            long before = leaf.footprint();
            freeValue(leaf.remove(index));
            cache.charge(leaf.footprint() - before);
            if (leaf.size() == 0 && path.leafLevel() > 0) {
                removeEmptyChild(path, path.leafLevel() - 1);
            }
            version++;
            return true;
        } finally {
            latch.writeLock().unlock();
        }
    }

    private void checkSizes(byte[] key, byte[] value) {
        if (key.length > config.maxKeySize()) {
            throw new IllegalArgumentException(
                    "a key of " + key.length + " bytes is longer than the limit of " + config.maxKeySize() + " bytes");
        }
        if (value.length > config.maxValueSize()) {
            throw new IllegalArgumentException("a value of " + value.length + " bytes is longer than the limit of "
                    + config.maxValueSize() + " bytes");
        }
    }

    private void freeValue(LeafValue old) {
        if (!old.overflowAddress().isNone()) {
            file.free(old.overflowAddress());
        }
    }

    /** True if the path runs down the right edge of the tree: the leaf holds the largest keys. */
    private static boolean isRightmost(TreePath path) {
        return isRightmost(path, path.parents.size());
    }

    /** True if the path's pages above {@code depth} are each their parent's last child. */
    private static boolean isRightmost(TreePath path, int depth) {
        for (int level = 0; level < depth; level++) {
            if (path.indexes.get(level) != path.parents.get(level).size() - 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits the path's leaf in two by bytes. When the key that overfilled it was appended at the right edge of
     * the tree (ascending keys, like ObjectIds), only that key moves to the new page: the full page stays full
     * instead of leaving a trail of half-empty pages behind a sequential load (WiredTiger's append split).
     */
    private void splitLeaf(TreePath path, boolean appended) {
        LeafPage leaf = path.leaf;
        long before = leaf.footprint();
        int at = appended ? leaf.size() - 1 : leaf.splitPoint();
        byte[] leftLast = leaf.key(at - 1);
        LeafPage right = leaf.splitOff(at);
        cache.charge(leaf.footprint() + right.footprint() - before);
        addSibling(
                path,
                path.leafLevel(),
                Keys.shortestSeparator(leftLast, right.key(0)),
                new PageRef(BlockAddress.NONE, right));
    }

    /** The page at {@code level} of {@code path} split; its new right sibling joins the parent (or a new root). */
    private void addSibling(TreePath path, int level, byte[] separator, PageRef sibling) {
        if (level == 0) {
            Page oldRoot = root.page();
            InternalPage newRoot = new InternalPage();
            newRoot.add(0, Keys.EMPTY, new PageRef(root.address(), oldRoot));
            newRoot.add(1, separator, sibling);
            root.setAddress(BlockAddress.NONE);
            root.setPage(newRoot);
            cache.charge(newRoot.footprint());
            return;
        }
        InternalPage parent = path.parents.get(level - 1);
        long before = parent.footprint();
        int siblingIndex = path.indexes.get(level - 1) + 1;
        parent.add(siblingIndex, separator, sibling);
        cache.charge(parent.footprint() - before);
        if (parent.serializedSize() > config.internalPageMax() && parent.size() > 3) {
            before = parent.footprint();
            boolean appended = siblingIndex == parent.size() - 1 && isRightmost(path, level - 1);
            int at = appended ? parent.size() - 1 : parent.splitPoint();
            byte[] up = parent.key(at);
            InternalPage right = parent.splitOff(at);
            cache.charge(parent.footprint() + right.footprint() - before);
            addSibling(path, level - 1, up, new PageRef(BlockAddress.NONE, right));
        }
    }

    /** Child {@code path.indexes[level]} of {@code path.parents[level]} is empty: take it out of the tree. */
    private void removeEmptyChild(TreePath path, int level) {
        InternalPage parent = path.parents.get(level);
        int index = path.indexes.get(level);
        PageRef child = parent.child(index);
        detach(child);
        long before = parent.footprint();
        parent.remove(index);
        cache.charge(parent.footprint() - before);
        if (parent.size() == 0) {
            if (level > 0) {
                removeEmptyChild(path, level - 1);
            } else {
                // The root lost its last child: the tree is empty again.
                cache.release(parent.footprint());
                file.free(root.address());
                LeafPage empty = new LeafPage(config.overflowThreshold());
                empty.markDirty();
                root.setAddress(BlockAddress.NONE);
                root.setPage(empty);
                cache.charge(empty.footprint());
            }
        } else if (level == 0) {
            collapseRoot();
        }
    }

    /** While the root is an internal page with one child, that child becomes the root. */
    private void collapseRoot() {
        while (root.page() instanceof InternalPage top && top.size() == 1) {
            PageRef only = top.child(0);
            Page page = load(only);
            cache.release(top.footprint());
            file.free(root.address());
            root.setAddress(only.address());
            root.setPage(page);
        }
    }

    /** A page leaves the tree for good: its block is freed and its memory no longer counted. */
    private void detach(PageRef ref) {
        Page page = ref.page();
        if (page != null) {
            cache.release(page.footprint());
            ref.setPage(null);
        }
        file.free(ref.address());
    }

    // ---- writing pages ------------------------------------------------------------------------------------

    /**
     * Writes every dirty page, children before parents, and returns the root's address: the tree as of now, for
     * a checkpoint. The caller holds the latch (shared is enough: writers and eviction are kept out).
     */
    public BlockAddress writeDirtyPages() {
        checkOpen();
        writeDirty(root);
        return root.address();
    }

    /** Takes the latch shared for a checkpoint: readers go on, writers and eviction wait. */
    public void lockForCheckpoint() {
        latch.readLock().lock();
    }

    public void unlockAfterCheckpoint() {
        latch.readLock().unlock();
    }

    private void writeDirty(PageRef ref) {
        Page page = ref.page();
        if (page == null) {
            return;
        }
        if (page instanceof InternalPage internal) {
            for (int i = 0; i < internal.size(); i++) {
                PageRef child = internal.child(i);
                BlockAddress before = child.address();
                writeDirty(child);
                if (!child.address().equals(before)) {
                    internal.markDirty();
                }
            }
            if (internal.isDirty()) {
                pageImage = PageFormat.write(internal, pageImage);
                replaceBlock(ref, BlockType.INTERNAL_PAGE, pageImage);
                internal.markClean();
            }
        } else if (page.isDirty()) {
            reconcileLeaf(ref, (LeafPage) page);
        }
    }

    private void reconcileLeaf(PageRef ref, LeafPage leaf) {
        long before = leaf.footprint();
        for (int i = 0; i < leaf.size(); i++) {
            LeafValue value = leaf.value(i);
            if (leaf.isOverflow(value.length()) && value.overflowAddress().isNone()) {
                value.storedAt(file.write(BlockType.OVERFLOW_VALUE, ByteBuffer.wrap(value.bytesInMemory())));
                leaf.overflowWritten(value.length());
            }
        }
        pageImage = PageFormat.write(leaf, pageImage);
        replaceBlock(ref, BlockType.LEAF_PAGE, pageImage);
        leaf.markClean();
        cache.charge(leaf.footprint() - before);
    }

    private void replaceBlock(PageRef ref, byte type, ByteBuffer image) {
        BlockAddress written = file.write(type, image);
        file.free(ref.address());
        ref.setAddress(written);
    }

    // ---- eviction -----------------------------------------------------------------------------------------

    @Override
    public long evict(long bytesWanted) {
        latch.writeLock().lock();
        try {
            if (dropped || closed) {
                return 0;
            }
            if (root.page() instanceof LeafPage rootLeaf) {
                return writeRootLeaf(rootLeaf);
            }
            LeafSweep sweep = new LeafSweep(bytesWanted);
            InternalPage top = (InternalPage) root.page();
            byte[] startedAt = evictionHand;
            // From the hand to the right end of the tree, then around from the left end back to where it started.
            if (sweepLeaves(top, startedAt, Keys.EMPTY, null, sweep) && startedAt.length > 0) {
                sweepLeaves(top, null, Keys.EMPTY, startedAt, sweep);
            }
            long freed = sweep.freed;
            if (freed < bytesWanted) {
                freed += evictInternalPages((InternalPage) root.page(), bytesWanted - freed);
            }
            if (freed > 0) {
                version++;
            }
            return freed;
        } finally {
            latch.writeLock().unlock();
        }
    }

    /**
     * Evicts internal pages none of whose children is in memory (never the root), deepest first, with the same
     * second chance as leaves. Only needed when leaves alone cannot make room: a small cache and a large tree.
     */
    private long evictInternalPages(InternalPage parent, long bytesWanted) {
        long freed = 0;
        for (int i = 0; i < parent.size() && freed < bytesWanted; i++) {
            PageRef ref = parent.child(i);
            if (!(ref.page() instanceof InternalPage child)) {
                continue;
            }
            freed += evictInternalPages(child, bytesWanted - freed);
            if (freed >= bytesWanted || hasChildInMemory(child) || child.isPinned() || child.takeRecentlyUsed()) {
                continue;
            }
            if (child.isDirty()) {
                pageImage = PageFormat.write(child, pageImage);
                replaceBlock(ref, BlockType.INTERNAL_PAGE, pageImage);
                child.markClean();
                parent.markDirty();
            }
            ref.setPage(null);
            cache.release(child.footprint());
            cache.pageEvicted();
            freed += child.footprint();
        }
        return freed;
    }

    private static boolean hasChildInMemory(InternalPage page) {
        for (int i = 0; i < page.size(); i++) {
            if (page.child(i).page() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * A tree that is a single leaf keeps it in memory, but writing it out still frees the bytes of large values
     * waiting for their overflow blocks.
     */
    private long writeRootLeaf(LeafPage leaf) {
        if (!leaf.isDirty() || leaf.isPinned()) {
            return 0;
        }
        long before = leaf.footprint();
        reconcileLeaf(root, leaf);
        return Math.max(0, before - leaf.footprint());
    }

    /** What one eviction pass over the leaves still wants, and has freed so far. */
    private static final class LeafSweep {
        final long wanted;
        long freed;

        LeafSweep(long wanted) {
            this.wanted = wanted;
        }
    }

    /**
     * The clock hand's walk: visits the in-memory leaves under {@code page} in key order, starting at the one whose
     * range holds {@code from} (null: the first), stopping before any leaf whose lower bound reaches {@code stopAt}
     * (null: none), and evicts each that is neither pinned nor recently used. Leaves not in memory cost a null
     * check; nothing is collected, so a pass that frees one page early costs little. Returns false once it stops.
     * {@code lower} is the smallest key {@code page} can hold; the hand is left at the last leaf's lower bound.
     */
    private boolean sweepLeaves(InternalPage page, byte[] from, byte[] lower, byte[] stopAt, LeafSweep sweep) {
        int start = from == null ? 0 : page.childIndex(from);
        for (int i = start; i < page.size(); i++) {
            byte[] childLower = i == 0 ? lower : page.key(i);
            if (stopAt != null && Keys.compare(childLower, stopAt) >= 0) {
                return false;
            }
            PageRef ref = page.child(i);
            Page child = ref.page();
            if (child instanceof InternalPage internal) {
                if (!sweepLeaves(internal, i == start ? from : null, childLower, stopAt, sweep)) {
                    return false;
                }
            } else if (child != null) {
                evictionHand = childLower;
                LeafPage leaf = (LeafPage) child;
                if (!leaf.isPinned() && !leaf.takeRecentlyUsed()) {
                    if (leaf.isDirty()) {
                        reconcileLeaf(ref, leaf);
                        page.markDirty();
                    }
                    ref.setPage(null);
                    cache.release(leaf.footprint());
                    cache.pageEvicted();
                    sweep.freed += leaf.footprint();
                }
                if (sweep.freed >= sweep.wanted) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    /** Frees every block of the tree (pages and overflow values) and stops it; for dropping a table. */
    public void drop() {
        latch.writeLock().lock();
        try {
            checkOpen();
            freeSubtree(root);
            dropped = true;
            version++;
            cache.unregister(this);
        } finally {
            latch.writeLock().unlock();
        }
    }

    private void freeSubtree(PageRef ref) {
        Page page = ref.page();
        boolean inMemory = page != null;
        if (!inMemory) {
            page = read(ref.address());
        }
        if (page instanceof InternalPage internal) {
            for (int i = 0; i < internal.size(); i++) {
                freeSubtree(internal.child(i));
            }
        } else {
            LeafPage leaf = (LeafPage) page;
            for (int i = 0; i < leaf.size(); i++) {
                freeValue(leaf.value(i));
            }
        }
        if (inMemory) {
            cache.release(page.footprint());
            ref.setPage(null);
        }
        file.free(ref.address());
    }

    /** Forgets the tree's pages without writing them (the connection is closing or the tree was dropped). */
    public void unload() {
        latch.writeLock().lock();
        try {
            closed = true;
            version++;
            cache.unregister(this);
            releaseSubtree(root);
        } finally {
            latch.writeLock().unlock();
        }
    }

    private void releaseSubtree(PageRef ref) {
        Page page = ref.page();
        if (page == null) {
            return;
        }
        if (page instanceof InternalPage internal) {
            for (int i = 0; i < internal.size(); i++) {
                releaseSubtree(internal.child(i));
            }
        }
        cache.release(page.footprint());
        ref.setPage(null);
    }

    /** Bytes of this tree's pages in memory, summed page by page (for checking the cache's accounting). */
    public long memoryInUse() {
        latch.readLock().lock();
        try {
            return footprintOf(root.page());
        } finally {
            latch.readLock().unlock();
        }
    }

    private long footprintOf(Page page) {
        if (page == null) {
            return 0;
        }
        long sum = page.footprint();
        if (page instanceof InternalPage internal) {
            for (int i = 0; i < internal.size(); i++) {
                sum += footprintOf(internal.child(i).page());
            }
        }
        return sum;
    }

    void checkOpen() {
        if (dropped) {
            throw new StorageException("table " + name + " was dropped");
        }
        if (closed) {
            throw new StorageException("table " + name + " is closed: its connection was closed");
        }
    }
}
