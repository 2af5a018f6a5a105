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
import io.wrongodb.storage.txn.Snapshot;
import io.wrongodb.storage.txn.Transaction;
import io.wrongodb.storage.txn.Transactions;
import io.wrongodb.storage.txn.Version;
import io.wrongodb.storage.txn.WriteConflictException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

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
 *
 * <p>Versions (MVCC): a transactional write pushes a {@link Version} onto its key's chain in the leaf; a read walks
 * the chain for the newest version its {@link Snapshot} sees, down to the base value. A write whose key's newest
 * version its snapshot does not see loses ({@link WriteConflictException}). Versions that every snapshot sees are
 * folded into the base value as writes pass by and when eviction takes a page; a page whose chains cannot all be
 * folded (a snapshot still needs an old version, or a writer has not committed) stays in memory. A checkpoint
 * writes what its snapshot sees, leaving the chains as they are.
 */
public final class BTree implements EvictionTarget {
    private final String name;
    private final BlockFile file;
    private final PageCache cache;
    private final TreeConfig config;
    private final Transactions transactions;
    private final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();
    private final PageRef root;
    private volatile long version;
    private byte[] evictionHand = Keys.EMPTY;
    // Reused for every page this tree writes: only eviction (exclusive latch) and checkpoints (shared latch, one at
    // a time) write pages, and they exclude each other.
    private ByteBuffer pageImage;
    // True from the moment a running checkpoint has written this tree until that checkpoint is durable. Writers go
    // on meanwhile, but every block they free is still part of the checkpoint, so it is held until the next one;
    // and eviction takes only clean pages, since writing a page would allocate blocks the checkpoint knows nothing
    // of.
    private volatile boolean heldByCheckpoint;
    private volatile boolean dropped;
    private volatile boolean closed;

    private BTree(
            String name,
            BlockFile file,
            PageCache cache,
            TreeConfig config,
            BlockAddress rootAddress,
            Transactions transactions) {
        this.name = name;
        this.file = file;
        this.cache = cache;
        this.config = config;
        this.transactions = transactions;
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

    /**
     * Opens the tree whose root is at {@code rootAddress}, or a new empty tree for {@link BlockAddress#NONE}; its
     * versions belong to {@code transactions}.
     */
    public static BTree open(
            String name,
            BlockFile file,
            PageCache cache,
            TreeConfig config,
            BlockAddress rootAddress,
            Transactions transactions) {
        return new BTree(name, file, cache, config, rootAddress, transactions);
    }

    /** A snapshot of everything committed, for a read outside any transaction (taken under the latch). */
    Snapshot latest() {
        return transactions.latest();
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

    /** The value under {@code key} as everything committed so far has it, or null. */
    public byte[] get(byte[] key) {
        return get(key, this::latest);
    }

    /**
     * The value under {@code key} that the reader's snapshot sees, or null. {@code reader} is asked under the
     * latch, so a snapshot it takes then is safe from reclamation for the whole read.
     */
    public byte[] get(byte[] key, Supplier<Snapshot> reader) {
        latch.readLock().lock();
        try {
            checkOpen();
            LeafPage leaf = descend(key, null);
            int index = leaf.search(key);
            return index < 0 ? null : visibleBytes(leaf, index, reader.get());
        } finally {
            latch.readLock().unlock();
        }
    }

    /** The bytes of entry {@code index} that {@code snapshot} sees, or null if it sees no value there. */
    byte[] visibleBytes(LeafPage leaf, int index, Snapshot snapshot) {
        Version newest = leaf.chain(index);
        if (newest != null) {
            Version seen = snapshot.visible(newest);
            if (seen != null) {
                return seen.value();
            }
        }
        LeafValue base = leaf.value(index);
        return base == null ? null : valueBytes(base);
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

    /**
     * Stores {@code value} under {@code key} as {@code mode} allows, outside any transaction: the value is at once
     * what every snapshot sees. For recovery's replay and the metadata table, which no transaction writes.
     */
    public boolean put(byte[] key, byte[] value, PutMode mode) {
        return write(key, new Version(null, value.clone()), mode, this::latest);
    }

    /** Removes {@code key} outside any transaction; returns false if it was absent. */
    public boolean remove(byte[] key) {
        return write(key, new Version(null, null), PutMode.UPDATE, this::latest);
    }

    /**
     * Writes {@code written} (its writer's, or none: visible to all at once) as {@code mode} allows; a tombstone
     * removes, and only where a value is present. Returns false if the mode refused: the key is present or absent
     * as the writer's snapshot sees it. Throws {@link WriteConflictException} if the key's newest version is one
     * that snapshot does not see. A writer's second version of a key replaces its first. {@code writerSnapshot} is
     * asked under the latch.
     */
    public boolean write(byte[] key, Version written, PutMode mode, Supplier<Snapshot> writerSnapshot) {
        if (!written.isTombstone()) {
            checkSizes(key, written.value());
        }
        Transaction writer = written.writer();
        latch.writeLock().lock();
        try {
            checkOpen();
            Snapshot snapshot = writerSnapshot.get();
            TreePath path = new TreePath();
            LeafPage leaf = descend(key, path);
            long before = leaf.footprint();
            int index = leaf.search(key);
            boolean appended = false;
            if (index >= 0) {
                Version newest = live(leaf.chain(index));
                if (newest != null && !snapshot.sees(newest)) {
                    throw new WriteConflictException(
                            "write conflict on a key of table " + name + ": " + newest + " is newer than " + snapshot);
                }
                boolean present = newest != null ? !newest.isTombstone() : leaf.value(index) != null;
                if (!allowed(mode, present)) {
                    return false;
                }
                leaf.changeChain(index, head -> {
                    boolean replacesOwn = writer != null && head != null && head.writer() == writer;
                    written.setOlder(replacesOwn ? head.older() : head);
                    return written;
                });
            } else {
                if (!allowed(mode, false) || written.isTombstone()) {
                    return false;
                }
                index = -index - 1;
                appended = index == leaf.size() && isRightmost(path);
                leaf.insert(index, key.clone(), null, written);
            }
            cache.charge(leaf.footprint() - before);
            if (!reclaim(path, index) && leaf.serializedSize() > config.leafPageMax() && leaf.size() > 1) {
                splitLeaf(path, appended);
            }
            version++;
            return true;
        } finally {
            latch.writeLock().unlock();
        }
    }

    private static boolean allowed(PutMode mode, boolean present) {
        return switch (mode) {
            case INSERT -> !present;
            case UPDATE -> present;
            case UPSERT -> true;
        };
    }

    /** The newest version of a chain whose writer has not aborted (an abort is rolled back soon after). */
    private static Version live(Version newest) {
        Version v = newest;
        while (v != null && v.isAborted()) {
            v = v.older();
        }
        return v;
    }

    /**
     * Removes {@code writer}'s versions of {@code key}: its transaction aborted. A key that had only those leaves
     * the page.
     */
    public void rollback(byte[] key, Transaction writer) {
        latch.writeLock().lock();
        try {
            checkOpen();
            TreePath path = new TreePath();
            LeafPage leaf = descend(key, path);
            int index = leaf.search(key);
            if (index < 0) {
                return;
            }
            long before = leaf.footprint();
            leaf.changeChain(index, head -> {
                // Relink the chain without the writer's versions.
                Version kept = null;
                Version last = null;
                for (Version v = head; v != null; v = v.older()) {
                    if (v.writer() != writer) {
                        if (last == null) {
                            kept = v;
                        } else {
                            last.setOlder(v);
                        }
                        last = v;
                    }
                }
                if (last != null) {
                    last.setOlder(null);
                }
                return kept;
            });
            cache.charge(leaf.footprint() - before);
            removeIfEmpty(path, index);
            version++;
        } finally {
            latch.writeLock().unlock();
        }
    }

    /**
     * Reclaims what no snapshot can read any more at entry {@code index} of the path's leaf: the newest version
     * every snapshot sees becomes the base value, and everything older goes. Returns true if the entry itself went
     * (its key is removed for everybody), and with it perhaps the leaf.
     */
    private boolean reclaim(TreePath path, int index) {
        LeafPage leaf = path.leaf;
        long before = leaf.footprint();
        if (!fold(leaf, index, transactions.oldestSnapshot())) {
            return false;
        }
        cache.charge(leaf.footprint() - before);
        return removeIfEmpty(path, index);
    }

    /**
     * Folds entry {@code index}'s versions that every snapshot up to {@code oldest} sees into its base value: the
     * newest such version becomes the base (none, for a tombstone), and it and everything older leave the chain.
     * Returns true if it changed anything; the entry may be left with neither base nor versions, for the caller to
     * remove.
     */
    private boolean fold(LeafPage leaf, int index, long oldest) {
        Version above = null;
        Version folded = leaf.chain(index);
        while (folded != null && !folded.isVisibleToAll(oldest)) {
            above = folded;
            folded = folded.older();
        }
        if (folded == null) {
            return false;
        }
        LeafValue base = folded.isTombstone() ? null : LeafValue.of(folded.value());
        freeValue(leaf.replace(index, base));
        Version cutAt = above;
        leaf.changeChain(index, head -> {
            if (cutAt == null) {
                return null;
            }
            cutAt.setOlder(null);
            return head;
        });
        return true;
    }

    /** True if entry {@code index} has neither a base value nor versions: its key is gone for everybody. */
    private static boolean isEmptyEntry(LeafPage leaf, int index) {
        return leaf.chain(index) == null && leaf.value(index) == null;
    }

    /** Removes entry {@code index} if it has neither a base value nor versions; true if it did. */
    private boolean removeIfEmpty(TreePath path, int index) {
        LeafPage leaf = path.leaf;
        if (!isEmptyEntry(leaf, index)) {
            return false;
        }
        long before = leaf.footprint();
        leaf.remove(index);
        cache.charge(leaf.footprint() - before);
        if (leaf.size() == 0 && path.leafLevel() > 0) {
            removeEmptyChild(path, path.leafLevel() - 1);
        }
        return true;
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

    /** Frees a block this tree no longer refers to; held for the next checkpoint while one still refers to it. */
    private void release(BlockAddress address) {
        if (heldByCheckpoint) {
            file.freeAfterNextCheckpoint(address);
        } else {
            file.free(address);
        }
    }

    private void freeValue(LeafValue old) {
        if (old != null && !old.overflowAddress().isNone()) {
            release(old.overflowAddress());
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
                release(root.address());
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
            release(root.address());
            root.setAddress(only.address());
            root.setPage(page);
        }
    }

    /** A page leaves the tree for good: its block is freed and its memory no longer counted. */
    private void detach(PageRef ref) {
        Page page = ref.page();
        if (page instanceof LeafPage leaf) {
            leaf.imageOverflow().forEach(this::release);
        }
        if (page != null) {
            cache.release(page.footprint());
            ref.setPage(null);
        }
        release(ref.address());
    }

    // ---- writing pages ------------------------------------------------------------------------------------

    /**
     * Writes every dirty page, children before parents, and returns the root's address: the tree as
     * {@code checkpoint} sees it. The caller holds the latch (shared is enough: writers and eviction are kept out).
     */
    public BlockAddress writeDirtyPages(Snapshot checkpoint) {
        checkOpen();
        writeDirty(root, checkpoint);
        heldByCheckpoint = true;
        return root.address();
    }

    /** The checkpoint that wrote this tree is durable (or failed): blocks freed from now on are free as usual. */
    public void checkpointEnded() {
        heldByCheckpoint = false;
    }

    /** Takes the latch shared while a checkpoint writes this tree: readers go on, writers and eviction wait. */
    public void lockForCheckpoint() {
        latch.readLock().lock();
    }

    public void unlockAfterCheckpoint() {
        latch.readLock().unlock();
    }

    private void writeDirty(PageRef ref, Snapshot checkpoint) {
        Page page = ref.page();
        if (page == null) {
            return;
        }
        if (page instanceof InternalPage internal) {
            for (int i = 0; i < internal.size(); i++) {
                PageRef child = internal.child(i);
                BlockAddress before = child.address();
                writeDirty(child, checkpoint);
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
            LeafPage leaf = (LeafPage) page;
            if (leaf.hasChains()) {
                writeAsSeen(ref, leaf, checkpoint);
            } else {
                reconcileLeaf(ref, leaf);
            }
        }
    }

    /** Writes a leaf that has no versions, only base values: the page as it is. */
    private void reconcileLeaf(PageRef ref, LeafPage leaf) {
        writeOverflowValues(leaf);
        pageImage = PageFormat.write(leaf, pageImage);
        replaceLeafBlock(ref, leaf, List.of());
        leaf.markClean();
    }

    /** Writes the leaf's new image (in {@link #pageImage}), freeing the old one with its version overflow blocks. */
    private void replaceLeafBlock(PageRef ref, LeafPage leaf, List<BlockAddress> imageOverflow) {
        replaceBlock(ref, BlockType.LEAF_PAGE, pageImage);
        leaf.imageOverflow().forEach(this::release);
        leaf.setImageOverflow(imageOverflow);
    }

    /** Gives each large base value written since the page was last reconciled its overflow block. */
    private void writeOverflowValues(LeafPage leaf) {
        long before = leaf.footprint();
        for (int i = 0; i < leaf.size(); i++) {
            storeOverflow(leaf, leaf.value(i));
        }
        cache.charge(leaf.footprint() - before);
    }

    /** Writes a large base value's overflow block if it has none yet; its bytes then leave memory. */
    private void storeOverflow(LeafPage leaf, LeafValue value) {
        if (value != null
                && leaf.isOverflow(value.length())
                && value.overflowAddress().isNone()) {
            value.storedAt(file.write(BlockType.OVERFLOW_VALUE, ByteBuffer.wrap(value.bytesInMemory())));
            leaf.overflowWritten(value.length());
        }
    }

    /**
     * Writes a leaf with versions as {@code snapshot} sees it, leaving its chains in memory. The page stays dirty
     * unless what was written is every entry's newest version: a version the snapshot does not see has yet to
     * reach the file.
     */
    private void writeAsSeen(PageRef ref, LeafPage leaf, Snapshot snapshot) {
        int n = leaf.size();
        List<byte[]> keys = new ArrayList<>(n);
        List<LeafValue> values = new ArrayList<>(n);
        List<BlockAddress> versionBlocks = new ArrayList<>();
        boolean newestWritten = true;
        long before = leaf.footprint();
        for (int i = 0; i < n; i++) {
            Version newest = leaf.chain(i);
            Version seen = newest == null ? null : snapshot.visible(newest);
            if (live(newest) != seen) {
                newestWritten = false;
            }
            LeafValue value;
            if (seen != null) {
                keepBaseInMemory(leaf, i);
                value = seen.isTombstone() ? null : LeafValue.of(seen.value());
                if (value != null && leaf.isOverflow(value.length())) {
                    // The version keeps its bytes in memory; this block belongs to the image being written.
                    BlockAddress block = file.write(BlockType.OVERFLOW_VALUE, ByteBuffer.wrap(seen.value()));
                    versionBlocks.add(block);
                    value = LeafValue.overflow(block, value.length());
                }
            } else {
                value = leaf.value(i);
                storeOverflow(leaf, value);
            }
            if (value != null) {
                keys.add(leaf.key(i));
                values.add(value);
            }
        }
        cache.charge(leaf.footprint() - before);
        pageImage = PageFormat.write(keys, values, leaf::isOverflow, pageImage);
        replaceLeafBlock(ref, leaf, versionBlocks);
        if (newestWritten) {
            leaf.markClean();
        }
    }

    /**
     * The image being written holds a version for entry {@code i}, not its base value; if the base is in an
     * overflow block, that block leaves the file's live set with this checkpoint (after a crash nothing would
     * refer to it), so the base's bytes come back into memory and the block is freed, reusable once the checkpoint
     * is durable. Readers share the latch meanwhile: the tree's version changes, so a cursor holding the old base
     * reads the entry again.
     */
    private void keepBaseInMemory(LeafPage leaf, int i) {
        LeafValue base = leaf.value(i);
        if (base == null || base.overflowAddress().isNone()) {
            return;
        }
        // The caller charges the cache for the page's growth.
        leaf.replace(i, LeafValue.of(valueBytes(base)));
        file.freeAfterCheckpoint(base.overflowAddress());
        version++;
    }

    /**
     * True if every version on the leaf can be folded into its base: written by a committed transaction that every
     * snapshot up to {@code oldest} sees. Only such a leaf can leave memory, since the file holds no versions.
     */
    private static boolean canFold(LeafPage leaf, long oldest) {
        if (!leaf.hasChains()) {
            return true;
        }
        for (int i = 0; i < leaf.size(); i++) {
            Version newest = leaf.chain(i);
            if (newest != null && !newest.isVisibleToAll(oldest)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Folds every chain of a leaf that {@link #canFold} allows into the base values, removing the keys whose newest
     * version is a tombstone. A clean leaf stays clean: its file image already holds those newest versions.
     */
    private void foldAll(LeafPage leaf, long oldest) {
        if (!leaf.hasChains()) {
            return;
        }
        boolean dirty = leaf.isDirty();
        long before = leaf.footprint();
        for (int i = leaf.size() - 1; i >= 0; i--) {
            if (leaf.chain(i) != null) {
                fold(leaf, i, oldest);
                if (isEmptyEntry(leaf, i)) {
                    leaf.remove(i);
                }
            }
        }
        if (!dirty) {
            leaf.markClean();
        }
        cache.charge(leaf.footprint() - before);
    }

    private void replaceBlock(PageRef ref, byte type, ByteBuffer image) {
        BlockAddress written = file.write(type, image);
        release(ref.address());
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
            LeafSweep sweep = new LeafSweep(bytesWanted, transactions.oldestSnapshot());
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
            if (freed >= bytesWanted
                    || hasChildInMemory(child)
                    || child.isPinned()
                    || (heldByCheckpoint && child.isDirty())
                    || child.takeRecentlyUsed()) {
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
        long oldest = transactions.oldestSnapshot();
        if (heldByCheckpoint || !(leaf.isDirty() || leaf.hasChains()) || leaf.isPinned() || !canFold(leaf, oldest)) {
            return 0;
        }
        long before = leaf.footprint();
        foldAll(leaf, oldest);
        if (leaf.isDirty() || leaf.hasPendingOverflow()) {
            // Folding a clean leaf's versions leaves their large values in memory; written out, they leave it.
            reconcileLeaf(root, leaf);
        }
        return Math.max(0, before - leaf.footprint());
    }

    /** What one eviction pass over the leaves still wants, and has freed so far. */
    private static final class LeafSweep {
        final long wanted;
        final long oldest;
        long freed;

        LeafSweep(long wanted, long oldest) {
            this.wanted = wanted;
            this.oldest = oldest;
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
                boolean writable = !heldByCheckpoint || !leaf.isDirty();
                if (writable && !leaf.isPinned() && !leaf.takeRecentlyUsed() && canFold(leaf, sweep.oldest)) {
                    foldAll(leaf, sweep.oldest);
                    if (leaf.isDirty()) {
                        reconcileLeaf(ref, leaf);
                        page.markDirty();
                    } else {
                        // The image stays on disk: the blocks it holds for versions now hold base values.
                        leaf.setImageOverflow(List.of());
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
            leaf.imageOverflow().forEach(this::release);
        }
        if (inMemory) {
            cache.release(page.footprint());
            ref.setPage(null);
        }
        release(ref.address());
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
        return sumOverPagesInMemory(Page::footprint);
    }

    /** Versions held in the chains of this tree's leaves in memory (for tests of reclamation). */
    public long versionsInMemory() {
        return sumOverPagesInMemory(page -> page instanceof LeafPage leaf ? leaf.versionCount() : 0);
    }

    private long sumOverPagesInMemory(ToLongFunction<Page> measure) {
        latch.readLock().lock();
        try {
            return sumUnder(root.page(), measure);
        } finally {
            latch.readLock().unlock();
        }
    }

    private static long sumUnder(Page page, ToLongFunction<Page> measure) {
        if (page == null) {
            return 0;
        }
        long sum = measure.applyAsLong(page);
        if (page instanceof InternalPage internal) {
            for (int i = 0; i < internal.size(); i++) {
                sum += sumUnder(internal.child(i).page(), measure);
            }
        }
        return sum;
    }

    /** True once the tree was dropped or its connection closed. */
    public boolean isClosed() {
        return dropped || closed;
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
