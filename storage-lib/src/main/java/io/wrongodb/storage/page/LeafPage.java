package io.wrongodb.storage.page;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.block.CorruptBlockException;
import io.wrongodb.storage.txn.Version;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A leaf page in memory: sorted keys and their values.
 *
 * <pre>
 * Leaf page payload (inside a block of type LEAF_PAGE; little-endian; part of the file format)
 * offset size field
 *      0    1 page type: 1 = leaf
 *      1    1 flags (0)
 *      2    2 entry count n
 *      4   4n slot array: offset of each entry's cell from the start of the payload, in key order
 *      …    … cells, each:
 *               2  key length k (at most the configured key limit)
 *               k  key bytes
 *               1  value kind: 0 = inline, 1 = overflow
 *               4  value length v
 *               v  value bytes (inline) | 16-byte overflow block address (overflow)
 * </pre>
 *
 * The slot array lets a reader binary-search the image without decoding every cell, as SQLite's cell pointer array
 * does. A page read from disk stays in that form, its image, until the first write to it: searches and reads go
 * straight to the image, and a page that is only read is never decoded. That keeps a page read from disk one
 * array instead of three objects per entry, which is what the garbage collector pays for when a cache smaller
 * than the data turns pages over. The first write decodes the image into sorted arrays, which then change in
 * place.
 *
 * <p>In memory each entry has two parts (MVCC): its base value, which every snapshot sees (what the page was read
 * with, or what older versions were folded into), and a chain of newer {@link Version}s that not every snapshot
 * sees yet, newest first. A key written but not yet visible to all has a chain and maybe no base (null); a key
 * with neither is removed from the page. The file holds only values: a page is written either once its chains are
 * folded into the bases (eviction), or as one snapshot sees it (a checkpoint), never with its chains.
 */
public final class LeafPage extends Page {
    /** Bytes of the page header: type, flags, count. Part of the file format. */
    public static final int HEADER_SIZE = 4;
    /** Fixed bytes per entry beside its key and value: slot, key length, kind, value length. */
    public static final int ENTRY_OVERHEAD = 4 + 2 + 1 + 4;
    /** Estimated Java object overhead per entry, for the cache's accounting. */
    private static final int MEMORY_OVERHEAD_PER_ENTRY = 64;
    /** Estimated Java object overhead of a page kept as its image. */
    private static final int IMAGE_OVERHEAD = 96;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    // Entries 0..count-1 in key order. prefixes[i] is keys[i]'s first 8 bytes as an unsigned big-endian number
    // (zero-padded): a binary search compares these longs, which lie side by side in memory, and only looks at a
    // key's bytes when two prefixes tie, so a search touches few of the scattered key arrays.
    private byte[] image;
    private byte[][] keys;
    private long[] prefixes;
    private LeafValue[] values;
    private Version[] chains;
    private int count;
    private int chained;
    private long versionBytes;
    // Overflow blocks the page's file image refers to for versions (written by a checkpoint), not for base values:
    // they belong to that image and are freed when it is replaced.
    private List<BlockAddress> imageOverflow = List.of();
    private int serializedSize;
    private long pendingOverflowBytes;
    private final int overflowThreshold;

    public LeafPage(int overflowThreshold) {
        this(new byte[8][], new LeafValue[8], 0, overflowThreshold);
    }

    /** A page of the first {@code count} entries of the arrays, which it takes over. */
    LeafPage(byte[][] keys, LeafValue[] values, int count, int overflowThreshold) {
        this(keys, values, new Version[keys.length], count, overflowThreshold);
    }

    private LeafPage(byte[][] keys, LeafValue[] values, Version[] chains, int count, int overflowThreshold) {
        this.keys = keys;
        this.values = values;
        this.chains = chains;
        this.prefixes = new long[keys.length];
        this.count = count;
        this.overflowThreshold = overflowThreshold;
        this.serializedSize = HEADER_SIZE;
        for (int i = 0; i < count; i++) {
            prefixes[i] = Keys.prefix(keys[i]);
            account(i, +1);
        }
    }

    /** A page that is its on-disk {@code image} (the payload of its block, header checked by the caller). */
    private LeafPage(byte[] image, int count, int overflowThreshold) {
        this.image = image;
        this.count = count;
        this.overflowThreshold = overflowThreshold;
        this.serializedSize = image.length;
    }

    /** A clean page read from disk, kept as its image; {@code payload} must not change afterwards. */
    static LeafPage ofImage(byte[] payload, int count, int overflowThreshold) {
        return new LeafPage(payload, count, overflowThreshold);
    }

    @Override
    public int size() {
        return count;
    }

    /** The key at {@code index}: the page's own array, not to be changed (a copy while the page is an image). */
    public byte[] key(int index) {
        Objects.checkIndex(index, count);
        if (image != null) {
            int cell = cell(index);
            return Arrays.copyOfRange(image, cell + 2, cell + 2 + keyLength(cell));
        }
        return keys[index];
    }

    /** The entry's base value, which every snapshot sees unless a version in its chain is newer; null if none. */
    public LeafValue value(int index) {
        Objects.checkIndex(index, count);
        return image != null ? imageValue(cell(index)) : values[index];
    }

    /** The entry's newest version, or null if the base is all there is. */
    public Version chain(int index) {
        Objects.checkIndex(index, count);
        return image != null ? null : chains[index];
    }

    /** The overflow blocks the page's current file image holds for versions; freed when that image is replaced. */
    public List<BlockAddress> imageOverflow() {
        return imageOverflow;
    }

    public void setImageOverflow(List<BlockAddress> blocks) {
        this.imageOverflow = blocks;
    }

    /** True if some entry has versions not yet folded into its base. */
    public boolean hasChains() {
        return chained > 0;
    }

    /** Versions held in chains, counted one by one (for tests of reclamation). */
    public int versionCount() {
        if (image != null) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            for (Version v = chains[i]; v != null; v = v.older()) {
                n++;
            }
        }
        return n;
    }

    /** Index of {@code key}, or {@code -(insertion point) - 1} if absent (as {@link java.util.Arrays#binarySearch}). */
    public int search(byte[] key) {
        if (image != null) {
            return searchImage(key);
        }
        long prefix = Keys.prefix(key);
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = Long.compareUnsigned(prefixes[mid], prefix);
            if (cmp == 0) {
                cmp = Keys.compare(keys[mid], key);
            }
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    private int searchImage(byte[] key) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cell = cell(mid);
            int from = cell + 2;
            int cmp = Arrays.compareUnsigned(image, from, from + keyLength(cell), key, 0, key.length);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    private int cell(int index) {
        int offset = (int) INT_LE.get(image, HEADER_SIZE + 4 * index);
        if (offset < HEADER_SIZE + 4 * count || offset > image.length - 7) {
            throw new CorruptBlockException("leaf page slot " + index + " points outside the page: " + offset);
        }
        return offset;
    }

    private int keyLength(int cell) {
        int length = Short.toUnsignedInt((short) SHORT_LE.get(image, cell));
        if (cell + 2 + length + 5 > image.length) {
            throw new CorruptBlockException("leaf page cell at " + cell + " has a key running past the page");
        }
        return length;
    }

    private LeafValue imageValue(int cell) {
        int at = cell + 2 + keyLength(cell);
        byte kind = image[at];
        int length = (int) INT_LE.get(image, at + 1);
        at += 5;
        if (kind == PageFormat.VALUE_INLINE) {
            if (length < 0 || at + length > image.length) {
                throw new CorruptBlockException("leaf page cell at " + cell + " has a value running past the page");
            }
            return LeafValue.of(Arrays.copyOfRange(image, at, at + length));
        }
        if (kind == PageFormat.VALUE_OVERFLOW && at + BlockAddress.SERIALIZED_SIZE <= image.length) {
            ByteBuffer address =
                    ByteBuffer.wrap(image, at, BlockAddress.SERIALIZED_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            return LeafValue.overflow(BlockAddress.readFrom(address), length);
        }
        throw new CorruptBlockException("leaf page cell at " + cell + " has a value of unknown kind " + kind);
    }

    /** Before the first change: decodes the image into the arrays that writes change in place. */
    private void materialize() {
        if (image == null) {
            return;
        }
        int capacity = count + 8;
        byte[][] decodedKeys = new byte[capacity][];
        long[] decodedPrefixes = new long[capacity];
        LeafValue[] decodedValues = new LeafValue[capacity];
        for (int i = 0; i < count; i++) {
            decodedKeys[i] = key(i);
            decodedPrefixes[i] = Keys.prefix(decodedKeys[i]);
            decodedValues[i] = value(i);
        }
        image = null;
        keys = decodedKeys;
        prefixes = decodedPrefixes;
        values = decodedValues;
        chains = new Version[capacity];
    }

    /** Adds an entry with a base value and no versions. */
    public void insert(int index, byte[] key, LeafValue value) {
        insert(index, key, value, null);
    }

    /** Adds an entry: a base value (null: none) and a chain of versions (null: none). */
    public void insert(int index, byte[] key, LeafValue value, Version chain) {
        materialize();
        Objects.checkIndex(index, count + 1);
        if (value == null && chain == null) {
            throw new IllegalArgumentException("an entry needs a base value or a version");
        }
        if (count == keys.length) {
            int capacity = Math.max(8, count + (count >> 1));
            keys = Arrays.copyOf(keys, capacity);
            prefixes = Arrays.copyOf(prefixes, capacity);
            values = Arrays.copyOf(values, capacity);
            chains = Arrays.copyOf(chains, capacity);
        }
        System.arraycopy(keys, index, keys, index + 1, count - index);
        System.arraycopy(prefixes, index, prefixes, index + 1, count - index);
        System.arraycopy(values, index, values, index + 1, count - index);
        System.arraycopy(chains, index, chains, index + 1, count - index);
        keys[index] = key;
        prefixes[index] = Keys.prefix(key);
        values[index] = value;
        chains[index] = chain;
        count++;
        account(index, +1);
        markDirty();
    }

    /** Replaces the base value at {@code index}; returns the old one (its overflow block is the caller's to free). */
    public LeafValue replace(int index, LeafValue value) {
        materialize();
        Objects.checkIndex(index, count);
        account(index, -1);
        LeafValue old = values[index];
        values[index] = value;
        account(index, +1);
        markDirty();
        return old;
    }

    /**
     * Changes the entry's chain: {@code change} gets the newest version (null: none) and returns the new newest,
     * having linked the versions as it wants (a write pushes one, a rollback pops its own, reclamation cuts the old
     * end off). The page's accounting sees the chain before and after. A base value or a version must remain.
     */
    public void changeChain(int index, UnaryOperator<Version> change) {
        materialize();
        Objects.checkIndex(index, count);
        account(index, -1);
        chains[index] = change.apply(chains[index]);
        account(index, +1);
        markDirty();
    }

    /** Removes the entry; returns its base value (null if none; an overflow block is the caller's to free). */
    public LeafValue remove(int index) {
        materialize();
        Objects.checkIndex(index, count);
        account(index, -1);
        LeafValue old = values[index];
        System.arraycopy(keys, index + 1, keys, index, count - index - 1);
        System.arraycopy(prefixes, index + 1, prefixes, index, count - index - 1);
        System.arraycopy(values, index + 1, values, index, count - index - 1);
        System.arraycopy(chains, index + 1, chains, index, count - index - 1);
        count--;
        keys[count] = null;
        values[count] = null;
        chains[count] = null;
        markDirty();
        return old;
    }

    /** Moves the entries from {@code from} on into a new page (a split); both pages are dirty afterwards. */
    public LeafPage splitOff(int from) {
        materialize();
        Objects.checkIndex(from, count);
        int moved = count - from;
        int capacity = Math.max(8, moved + (moved >> 1));
        byte[][] rightKeys = new byte[capacity][];
        LeafValue[] rightValues = new LeafValue[capacity];
        Version[] rightChains = new Version[capacity];
        System.arraycopy(keys, from, rightKeys, 0, moved);
        System.arraycopy(values, from, rightValues, 0, moved);
        System.arraycopy(chains, from, rightChains, 0, moved);
        LeafPage right = new LeafPage(rightKeys, rightValues, rightChains, moved, overflowThreshold);
        for (int i = from; i < count; i++) {
            account(i, -1);
            keys[i] = null;
            values[i] = null;
            chains[i] = null;
        }
        count = from;
        markDirty();
        right.markDirty();
        return right;
    }

    /** The index at which to split so both halves hold about the same number of bytes (each at least one entry). */
    public int splitPoint() {
        materialize();
        int half = serializedSize / 2;
        int bytes = HEADER_SIZE;
        for (int i = 0; i < count - 1; i++) {
            bytes += entrySize(i);
            if (bytes >= half) {
                return i + 1;
            }
        }
        return count - 1;
    }

    /** True if the value is stored in an overflow block rather than in the page. */
    public boolean isOverflow(int length) {
        return length > overflowThreshold;
    }

    /** Bytes of entry {@code i} once written with its newest value (a removed key still counts its key). */
    private int entrySize(int i) {
        int length;
        Version newest = chains[i];
        if (newest != null) {
            length = newest.isTombstone() ? 0 : newest.value().length;
        } else {
            length = values[i] == null ? 0 : values[i].length();
        }
        return cellSize(keys[i].length, length, isOverflow(length));
    }

    /** Bytes of one entry in the file: slot, key, and the value inline or as an overflow address. */
    static int cellSize(int keyLength, int valueLength, boolean overflow) {
        return ENTRY_OVERHEAD + keyLength + (overflow ? BlockAddress.SERIALIZED_SIZE : valueLength);
    }

    private void account(int i, int sign) {
        serializedSize += sign * entrySize(i);
        LeafValue value = values[i];
        if (value != null && isOverflow(value.length()) && value.bytesInMemory() != null) {
            pendingOverflowBytes += sign * (long) value.length();
        }
        if (chains[i] != null) {
            chained += sign;
            for (Version v = chains[i]; v != null; v = v.older()) {
                versionBytes += sign * v.memory();
            }
        }
    }

    /** True if a large base value waits in memory for its overflow block. */
    public boolean hasPendingOverflow() {
        return pendingOverflowBytes > 0;
    }

    /** Called when reconciliation moved an overflow value's bytes to disk. */
    public void overflowWritten(int length) {
        pendingOverflowBytes -= length;
    }

    @Override
    public int serializedSize() {
        return serializedSize;
    }

    @Override
    public long footprint() {
        if (image != null) {
            return serializedSize + IMAGE_OVERHEAD;
        }
        return serializedSize + pendingOverflowBytes + versionBytes + (long) MEMORY_OVERHEAD_PER_ENTRY * count;
    }
}
