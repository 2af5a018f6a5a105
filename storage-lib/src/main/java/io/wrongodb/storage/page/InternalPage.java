package io.wrongodb.storage.page;

import java.util.ArrayList;
import java.util.List;

/**
 * An internal page in memory: n children and their separator keys. Child i holds the keys from key(i) up to, not
 * including, key(i + 1); key(0) is empty and stands for "everything below key(1)".
 *
 * <pre>
 * Internal page payload (inside a block of type INTERNAL_PAGE; little-endian; part of the file format)
 * offset size field
 *      0    1 page type: 2 = internal
 *      1    1 flags (0)
 *      2    2 child count n
 *      4   4n slot array: offset of each child's cell from the start of the payload
 *      …    … cells, each:
 *               2  separator key length k (0 for the first child)
 *               k  separator key bytes
 *              16  child block address (offset, size, CRC-32C)
 * </pre>
 */
public final class InternalPage extends Page {
    /** Bytes of the page header: type, flags, count. Part of the file format. */
    public static final int HEADER_SIZE = 4;
    /** Fixed bytes per child beside its key: slot, key length, address. */
    public static final int ENTRY_OVERHEAD = 4 + 2 + 16;

    private static final int MEMORY_OVERHEAD_PER_ENTRY = 64;

    private final ArrayList<byte[]> keys;
    private final ArrayList<PageRef> children;
    private int serializedSize = HEADER_SIZE;

    public InternalPage() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    InternalPage(ArrayList<byte[]> keys, ArrayList<PageRef> children) {
        this.keys = keys;
        this.children = children;
        keys.forEach(key -> serializedSize += ENTRY_OVERHEAD + key.length);
    }

    @Override
    public int size() {
        return children.size();
    }

    public byte[] key(int index) {
        return keys.get(index);
    }

    public PageRef child(int index) {
        return children.get(index);
    }

    /** The child whose range holds {@code key}: the last child whose separator is at most {@code key}. */
    public int childIndex(byte[] key) {
        int low = 1;
        int high = keys.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (Keys.compare(keys.get(mid), key) <= 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return low - 1;
    }

    public void add(int index, byte[] separator, PageRef child) {
        if (index == 0 && !children.isEmpty()) {
            throw new IllegalArgumentException("a child is only ever added after the one it split from");
        }
        keys.add(index, index == 0 ? Keys.EMPTY : separator);
        children.add(index, child);
        serializedSize += ENTRY_OVERHEAD + keys.get(index).length;
        markDirty();
    }

    public void remove(int index) {
        byte[] key = keys.remove(index);
        children.remove(index);
        serializedSize -= ENTRY_OVERHEAD + key.length;
        if (index == 0 && !keys.isEmpty()) {
            // The new first child now also covers everything below its old separator.
            serializedSize -= keys.get(0).length;
            keys.set(0, Keys.EMPTY);
        }
        markDirty();
    }

    /** Moves the children from {@code from} on into a new page; returns it. The caller owns key(from) as separator. */
    public InternalPage splitOff(int from) {
        List<byte[]> movedKeys = keys.subList(from, keys.size());
        List<PageRef> movedChildren = children.subList(from, children.size());
        ArrayList<byte[]> rightKeys = new ArrayList<>(movedKeys);
        rightKeys.set(0, Keys.EMPTY);
        InternalPage right = new InternalPage(rightKeys, new ArrayList<>(movedChildren));
        movedKeys.forEach(key -> serializedSize -= ENTRY_OVERHEAD + key.length);
        movedKeys.clear();
        movedChildren.clear();
        markDirty();
        right.markDirty();
        return right;
    }

    public int splitPoint() {
        int half = serializedSize / 2;
        int bytes = HEADER_SIZE;
        for (int i = 0; i < keys.size() - 1; i++) {
            bytes += ENTRY_OVERHEAD + keys.get(i).length;
            if (bytes >= half) {
                return Math.max(1, i + 1);
            }
        }
        return keys.size() - 1;
    }

    @Override
    public int serializedSize() {
        return serializedSize;
    }

    @Override
    public long footprint() {
        return serializedSize + (long) MEMORY_OVERHEAD_PER_ENTRY * keys.size();
    }
}
