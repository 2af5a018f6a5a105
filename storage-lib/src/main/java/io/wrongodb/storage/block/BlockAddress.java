package io.wrongodb.storage.block;

import java.nio.ByteBuffer;

/**
 * Where a block lives and what its checksum must be: the "address cookie" a parent page keeps for each child, as
 * WiredTiger does. Keeping the checksum in the parent catches a block that is intact but stale or misplaced.
 *
 * <pre>
 * Serialized address (16 bytes, little-endian; part of the file format)
 * offset size field
 *      0    8 file offset of the block (a multiple of the allocation unit)
 *      8    4 block size in bytes (a multiple of the allocation unit)
 *     12    4 CRC-32C of the block
 * </pre>
 */
public record BlockAddress(long offset, int size, int checksum) {
    /** Bytes of a serialized address. Part of the file format. */
    public static final int SERIALIZED_SIZE = 16;

    /** No block: an empty tree, a checkpoint with no metadata yet. */
    public static final BlockAddress NONE = new BlockAddress(0, 0, 0);

    public boolean isNone() {
        return size == 0;
    }

    public void writeTo(ByteBuffer out) {
        out.putLong(offset).putInt(size).putInt(checksum);
    }

    public static BlockAddress readFrom(ByteBuffer in) {
        long offset = in.getLong();
        int size = in.getInt();
        int checksum = in.getInt();
        return size == 0 ? NONE : new BlockAddress(offset, size, checksum);
    }

    @Override
    public String toString() {
        return isNone() ? "[none]" : "[" + offset + "+" + size + " crc " + Integer.toHexString(checksum) + "]";
    }
}
