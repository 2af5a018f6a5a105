package io.wrongodb.storage.page;

import java.util.ArrayList;
import java.util.List;

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

    private final ArrayList<byte[]> keys;
    private final ArrayList<LeafValue> values;
    private int serializedSize;
    private long pendingOverflowBytes;
    private final int overflowThreshold;

    public LeafPage(int overflowThreshold) {
        this(new ArrayList<>(), new ArrayList<>(), overflowThreshold);
    }

    LeafPage(ArrayList<byte[]> keys, ArrayList<LeafValue> values, int overflowThreshold) {
        this.keys = keys;
        this.values = values;
        this.overflowThreshold = overflowThreshold;
        this.serializedSize = HEADER_SIZE;
        for (int i = 0; i < keys.size(); i++) {
            account(keys.get(i), values.get(i), +1);
        }
    }

    @Override
    public int size() {
        return keys.size();
    }

    public byte[] key(int index) {
        return keys.get(index);
    }

    public LeafValue value(int index) {
        return values.get(index);
    }

    /** Index of {@code key}, or {@code -(insertion point) - 1} if absent (as {@link java.util.Arrays#binarySearch}). */
    public int search(byte[] key) {
        int low = 0;
        int high = keys.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = Keys.compare(keys.get(mid), key);
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
        keys.add(index, key);
        values.add(index, value);
        account(key, value, +1);
        markDirty();
    }

    /** Replaces the value at {@code index}; returns the old one (its overflow block is the caller's to free). */
    public LeafValue replace(int index, LeafValue value) {
        LeafValue old = values.set(index, value);
        account(keys.get(index), old, -1);
        account(keys.get(index), value, +1);
        markDirty();
        return old;
    }

    public LeafValue remove(int index) {
        byte[] key = keys.remove(index);
        LeafValue old = values.remove(index);
        account(key, old, -1);
        markDirty();
        return old;
    }

    /** Moves the entries from {@code from} on into a new page (a split); both pages are dirty afterwards. */
    public LeafPage splitOff(int from) {
        List<byte[]> movedKeys = keys.subList(from, keys.size());
        List<LeafValue> movedValues = values.subList(from, values.size());
        LeafPage right = new LeafPage(new ArrayList<>(movedKeys), new ArrayList<>(movedValues), overflowThreshold);
        for (int i = 0; i < movedKeys.size(); i++) {
            account(movedKeys.get(i), movedValues.get(i), -1);
        }
        movedKeys.clear();
        movedValues.clear();
        markDirty();
        right.markDirty();
        return right;
    }

    /** The index at which to split so both halves hold about the same number of bytes (each at least one entry). */
    public int splitPoint() {
        int half = serializedSize / 2;
        int bytes = HEADER_SIZE;
        for (int i = 0; i < keys.size() - 1; i++) {
            bytes += entrySize(keys.get(i), values.get(i));
            if (bytes >= half) {
                return i + 1;
            }
        }
        return keys.size() - 1;
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
        return serializedSize + pendingOverflowBytes + (long) MEMORY_OVERHEAD_PER_ENTRY * keys.size();
    }
}
