package io.wrongodb.storage.page;

import java.util.Arrays;
import java.util.Objects;

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
 * does.
 */
public final class LeafPage extends Page {
    /** Bytes of the page header: type, flags, count. Part of the file format. */
    public static final int HEADER_SIZE = 4;
    /** Fixed bytes per entry beside its key and value: slot, key length, kind, value length. */
    public static final int ENTRY_OVERHEAD = 4 + 2 + 1 + 4;
    /** Estimated Java object overhead per entry, for the cache's accounting. */
    private static final int MEMORY_OVERHEAD_PER_ENTRY = 64;

    // Entries 0..count-1 in key order. prefixes[i] is keys[i]'s first 8 bytes as an unsigned big-endian number
    // (zero-padded): a binary search compares these longs, which lie side by side in memory, and only looks at a
    // key's bytes when two prefixes tie, so a search touches few of the scattered key arrays.
    private byte[][] keys;
    private long[] prefixes;
    private LeafValue[] values;
    private int count;
    private int serializedSize;
    private long pendingOverflowBytes;
    private final int overflowThreshold;

    public LeafPage(int overflowThreshold) {
        this(new byte[8][], new LeafValue[8], 0, overflowThreshold);
    }

    /** A page of the first {@code count} entries of the arrays, which it takes over. */
    LeafPage(byte[][] keys, LeafValue[] values, int count, int overflowThreshold) {
        this.keys = keys;
        this.values = values;
        this.prefixes = new long[keys.length];
        this.count = count;
        this.overflowThreshold = overflowThreshold;
        this.serializedSize = HEADER_SIZE;
        for (int i = 0; i < count; i++) {
            prefixes[i] = Keys.prefix(keys[i]);
            account(keys[i], values[i], +1);
        }
    }

    @Override
    public int size() {
        return count;
    }

    public byte[] key(int index) {
        return keys[Objects.checkIndex(index, count)];
    }

    public LeafValue value(int index) {
        return values[Objects.checkIndex(index, count)];
    }

    /** Index of {@code key}, or {@code -(insertion point) - 1} if absent (as {@link java.util.Arrays#binarySearch}). */
    public int search(byte[] key) {
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

    public void insert(int index, byte[] key, LeafValue value) {
        Objects.checkIndex(index, count + 1);
        if (count == keys.length) {
            int capacity = Math.max(8, count + (count >> 1));
            keys = Arrays.copyOf(keys, capacity);
            prefixes = Arrays.copyOf(prefixes, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        System.arraycopy(keys, index, keys, index + 1, count - index);
        System.arraycopy(prefixes, index, prefixes, index + 1, count - index);
        System.arraycopy(values, index, values, index + 1, count - index);
        keys[index] = key;
        prefixes[index] = Keys.prefix(key);
        values[index] = value;
        count++;
        account(key, value, +1);
        markDirty();
    }

    /** Replaces the value at {@code index}; returns the old one (its overflow block is the caller's to free). */
    public LeafValue replace(int index, LeafValue value) {
        LeafValue old = value(index);
        values[index] = value;
        account(keys[index], old, -1);
        account(keys[index], value, +1);
        markDirty();
        return old;
    }

    public LeafValue remove(int index) {
        byte[] key = key(index);
        LeafValue old = values[index];
        System.arraycopy(keys, index + 1, keys, index, count - index - 1);
        System.arraycopy(prefixes, index + 1, prefixes, index, count - index - 1);
        System.arraycopy(values, index + 1, values, index, count - index - 1);
        count--;
        keys[count] = null;
        values[count] = null;
        account(key, old, -1);
        markDirty();
        return old;
    }

    /** Moves the entries from {@code from} on into a new page (a split); both pages are dirty afterwards. */
    public LeafPage splitOff(int from) {
        Objects.checkIndex(from, count);
        int moved = count - from;
        int capacity = Math.max(8, moved + (moved >> 1));
        byte[][] rightKeys = new byte[capacity][];
        LeafValue[] rightValues = new LeafValue[capacity];
        System.arraycopy(keys, from, rightKeys, 0, moved);
        System.arraycopy(values, from, rightValues, 0, moved);
        LeafPage right = new LeafPage(rightKeys, rightValues, moved, overflowThreshold);
        for (int i = from; i < count; i++) {
            account(keys[i], values[i], -1);
            keys[i] = null;
            values[i] = null;
        }
        count = from;
        markDirty();
        right.markDirty();
        return right;
    }

    /** The index at which to split so both halves hold about the same number of bytes (each at least one entry). */
    public int splitPoint() {
        int half = serializedSize / 2;
        int bytes = HEADER_SIZE;
        for (int i = 0; i < count - 1; i++) {
            bytes += entrySize(keys[i], values[i]);
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

    int entrySize(byte[] key, LeafValue value) {
        return ENTRY_OVERHEAD + key.length + (isOverflow(value.length()) ? 16 : value.length());
    }

    private void account(byte[] key, LeafValue value, int sign) {
        serializedSize += sign * entrySize(key, value);
        if (isOverflow(value.length()) && value.bytesInMemory() != null) {
            pendingOverflowBytes += sign * (long) value.length();
        }
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
        return serializedSize + pendingOverflowBytes + (long) MEMORY_OVERHEAD_PER_ENTRY * count;
    }
}
