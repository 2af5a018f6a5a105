package io.wrongodb.storage.page;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.block.CorruptBlockException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Writes pages to their on-disk payloads and reads them back; the byte layouts are in {@link LeafPage} and
 * {@link InternalPage}. Every value of a leaf must already be inline-sized or carry its overflow address.
 */
public final class PageFormat {
    /** Page type bytes. Part of the file format. */
    static final byte LEAF = 1;

    static final byte INTERNAL = 2;
    static final byte VALUE_INLINE = 0;
    static final byte VALUE_OVERFLOW = 1;

    private PageFormat() {}

    public static ByteBuffer write(LeafPage page) {
        return write(page, null);
    }

    /**
     * Serializes {@code page}, which must hold base values only (no versions), into {@code reuse} if it is large
     * enough, else into a new buffer; returns the buffer holding the image (position 0, limit its size), which the
     * caller may pass back in next time.
     */
    public static ByteBuffer write(LeafPage page, ByteBuffer reuse) {
        if (page.hasChains()) {
            throw new IllegalStateException("a leaf with versions is written as a snapshot sees it");
        }
        return writeLeaf(page.size(), page::key, page::value, page::isOverflow, page.serializedSize(), reuse);
    }

    /** Serializes a leaf of the given entries in key order (a leaf as one snapshot sees it), as above. */
    public static ByteBuffer write(
            List<byte[]> keys, List<LeafValue> values, IntPredicate isOverflow, ByteBuffer reuse) {
        int size = LeafPage.HEADER_SIZE;
        for (int i = 0; i < keys.size(); i++) {
            int length = values.get(i).length();
            size += LeafPage.cellSize(keys.get(i).length, length, isOverflow.test(length));
        }
        return writeLeaf(keys.size(), keys::get, values::get, isOverflow, size, reuse);
    }

    private static ByteBuffer writeLeaf(
            int n,
            IntFunction<byte[]> keys,
            IntFunction<LeafValue> values,
            IntPredicate isOverflow,
            int size,
            ByteBuffer reuse) {
        ByteBuffer out = buffer(reuse, size);
        out.put(LEAF).put((byte) 0).putShort((short) n);
        int cell = LeafPage.HEADER_SIZE + 4 * n;
        for (int i = 0; i < n; i++) {
            out.putInt(LeafPage.HEADER_SIZE + 4 * i, cell);
            out.position(cell);
            byte[] key = keys.apply(i);
            LeafValue value = values.apply(i);
            out.putShort((short) key.length).put(key);
            if (isOverflow.test(value.length())) {
                if (value.overflowAddress().isNone()) {
                    throw new IllegalStateException("overflow value of " + value.length() + " bytes has no block yet");
                }
                out.put(VALUE_OVERFLOW).putInt(value.length());
                value.overflowAddress().writeTo(out);
            } else {
                out.put(VALUE_INLINE).putInt(value.length()).put(value.bytesInMemory());
            }
            cell = out.position();
        }
        if (cell != out.limit()) {
            throw new IllegalStateException("leaf page serialized to " + cell + " bytes, expected " + out.limit());
        }
        return out.position(0);
    }

    public static ByteBuffer write(InternalPage page) {
        return write(page, null);
    }

    /** As {@link #write(LeafPage, ByteBuffer)}, for an internal page. */
    public static ByteBuffer write(InternalPage page, ByteBuffer reuse) {
        int n = page.size();
        ByteBuffer out = buffer(reuse, page.serializedSize());
        out.put(INTERNAL).put((byte) 0).putShort((short) n);
        int cell = InternalPage.HEADER_SIZE + 4 * n;
        for (int i = 0; i < n; i++) {
            out.putInt(InternalPage.HEADER_SIZE + 4 * i, cell);
            out.position(cell);
            byte[] key = page.key(i);
            BlockAddress child = page.child(i).address();
            if (child.isNone()) {
                throw new IllegalStateException("internal page written before its child " + i);
            }
            out.putShort((short) key.length).put(key);
            child.writeTo(out);
            cell = out.position();
        }
        return out.position(0);
    }

    private static ByteBuffer buffer(ByteBuffer reuse, int size) {
        ByteBuffer out = reuse != null && reuse.capacity() >= size ? reuse : ByteBuffer.allocate(size);
        return out.clear().limit(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A clean leaf page over {@code payload}, kept as its image (see {@link LeafPage}); the header is checked here. */
    public static LeafPage readLeaf(ByteBuffer payload, BlockAddress from, int overflowThreshold) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = header(in, LEAF, from);
        byte[] image;
        if (in.hasArray() && in.arrayOffset() == 0 && in.position() == 0 && in.limit() == in.array().length) {
            image = in.array();
        } else {
            image = new byte[in.remaining()];
            in.get(image);
        }
        LeafPage page = LeafPage.ofImage(image, n, overflowThreshold);
        page.markClean();
        return page;
    }

    public static InternalPage readInternal(ByteBuffer payload, BlockAddress from) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = header(in, INTERNAL, from);
        ArrayList<byte[]> keys = new ArrayList<>(n + 8);
        ArrayList<PageRef> children = new ArrayList<>(n + 8);
        for (int i = 0; i < n; i++) {
            in.position(slot(in, i, from));
            byte[] key = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(key);
            keys.add(key);
            children.add(new PageRef(BlockAddress.readFrom(in), null));
        }
        InternalPage page = new InternalPage(keys, children);
        page.markClean();
        return page;
    }

    private static int header(ByteBuffer in, byte expectedType, BlockAddress from) {
        byte type = in.get(0);
        if (type != expectedType) {
            throw new CorruptBlockException("page " + from + " has page type " + type + ", expected " + expectedType);
        }
        int n = Short.toUnsignedInt(in.getShort(2));
        if (LeafPage.HEADER_SIZE + 4L * n > in.limit()) {
            throw new CorruptBlockException("page " + from + " claims " + n + " entries, more than its size allows");
        }
        return n;
    }

    private static int slot(ByteBuffer in, int index, BlockAddress from) {
        int offset = in.getInt(LeafPage.HEADER_SIZE + 4 * index);
        if (offset < LeafPage.HEADER_SIZE || offset >= in.limit()) {
            throw new CorruptBlockException("page " + from + " slot " + index + " points outside the page: " + offset);
        }
        return offset;
    }
}
