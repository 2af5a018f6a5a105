package io.wrongodb.storage.block;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of free byte ranges of the file, kept coalesced, with best-fit allocation: the smallest extent that holds
 * the request, lowest offset first among equals.
 *
 * <pre>
 * Serialized extent list (little-endian; part of the file format)
 * offset size field
 *      0    4 extent count n
 *      4  16n extents in offset order: offset (8), length (8)
 * </pre>
 */
public final class ExtentList {
    private final TreeMap<Long, Long> byOffset = new TreeMap<>();
    /** (length, offset) pairs, so the smallest fitting extent is a ceiling lookup. */
    private final NavigableSet<long[]> bySize =
            new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

    public int count() {
        return byOffset.size();
    }

    public long totalBytes() {
        return byOffset.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Adds a free range, merging it with free neighbours. Overlapping an existing range is a bug. */
    public void add(long offset, long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("extent length must be positive: " + length);
        }
        Map.Entry<Long, Long> below = byOffset.floorEntry(offset);
        if (below != null && below.getKey() + below.getValue() > offset) {
            throw new IllegalStateException("extent " + offset + "+" + length + " overlaps free extent "
                    + below.getKey() + "+" + below.getValue());
        }
        Map.Entry<Long, Long> above = byOffset.ceilingEntry(offset);
        if (above != null && offset + length > above.getKey()) {
            throw new IllegalStateException("extent " + offset + "+" + length + " overlaps free extent "
                    + above.getKey() + "+" + above.getValue());
        }
        if (below != null && below.getKey() + below.getValue() == offset) {
            remove(below.getKey(), below.getValue());
            offset = below.getKey();
            length += below.getValue();
        }
        if (above != null && offset + length == above.getKey()) {
            remove(above.getKey(), above.getValue());
            length += above.getValue();
        }
        byOffset.put(offset, length);
        bySize.add(new long[] {length, offset});
    }

    /** Takes {@code length} bytes from the best-fitting extent; returns its offset, or -1 if none is big enough. */
    public long allocate(long length) {
        long[] fit = bySize.ceiling(new long[] {length, Long.MIN_VALUE});
        if (fit == null) {
            return -1;
        }
        long offset = fit[1];
        long extentLength = fit[0];
        remove(offset, extentLength);
        if (extentLength > length) {
            byOffset.put(offset + length, extentLength - length);
            bySize.add(new long[] {extentLength - length, offset + length});
        }
        return offset;
    }

    /** Removes the free range that ends exactly at {@code end}, if any; returns its start, or -1. */
    public long removeEndingAt(long end) {
        Map.Entry<Long, Long> last = byOffset.lowerEntry(end);
        if (last == null || last.getKey() + last.getValue() != end) {
            return -1;
        }
        remove(last.getKey(), last.getValue());
        return last.getKey();
    }

    public void addAll(ExtentList other) {
        other.byOffset.forEach(this::add);
    }

    public void clear() {
        byOffset.clear();
        bySize.clear();
    }

    public boolean contains(long offset) {
        Map.Entry<Long, Long> below = byOffset.floorEntry(offset);
        return below != null && below.getKey() + below.getValue() > offset;
    }

    /** Extents as (offset, length) pairs in offset order. */
    public List<long[]> extents() {
        List<long[]> result = new ArrayList<>(byOffset.size());
        byOffset.forEach((offset, length) -> result.add(new long[] {offset, length}));
        return result;
    }

    private void remove(long offset, long length) {
        byOffset.remove(offset);
        bySize.remove(new long[] {length, offset});
    }

    public int serializedSize() {
        return 4 + 16 * count();
    }

    public void writeTo(ByteBuffer out) {
        out.putInt(count());
        byOffset.forEach((offset, length) -> out.putLong(offset).putLong(length));
    }

    public static ExtentList readFrom(ByteBuffer in) {
        ExtentList list = new ExtentList();
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            list.add(in.getLong(), in.getLong());
        }
        return list;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        byOffset.forEach((offset, length) -> text.append(text.length() > 1 ? ", " : "")
                .append(offset)
                .append('+')
                .append(length));
        return text.append(']').toString();
    }
}
