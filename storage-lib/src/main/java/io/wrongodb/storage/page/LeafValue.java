package io.wrongodb.storage.page;

import io.wrongodb.storage.block.BlockAddress;

/**
 * A value in a leaf page: held inline, or stored in its own overflow block. A large value written since the page
 * was last reconciled keeps its bytes in memory until reconciliation writes its overflow block; after that only
 * the address is kept and the bytes are read on demand.
 *
 * <p>This is an entry's base value; versions newer than it hang in front of it in the page (see {@link LeafPage}).
 */
public final class LeafValue {
    private final int length;
    // Volatile, and the address is set before the bytes are dropped: a reader that finds no bytes finds the address
    // (a checkpoint writes values out while readers share the latch).
    private volatile byte[] bytes;
    private volatile BlockAddress overflow;

    private LeafValue(int length, byte[] bytes, BlockAddress overflow) {
        this.length = length;
        this.bytes = bytes;
        this.overflow = overflow;
    }

    public static LeafValue of(byte[] bytes) {
        return new LeafValue(bytes.length, bytes, BlockAddress.NONE);
    }

    public static LeafValue overflow(BlockAddress address, int length) {
        return new LeafValue(length, null, address);
    }

    public int length() {
        return length;
    }

    /** The bytes if they are in memory, else null (an overflow value on disk). */
    public byte[] bytesInMemory() {
        return bytes;
    }

    public BlockAddress overflowAddress() {
        return overflow;
    }

    public boolean isOverflowOnDisk() {
        return bytes == null;
    }

    /** Called by reconciliation once the overflow block is written: the bytes leave memory. */
    public void storedAt(BlockAddress address) {
        this.overflow = address;
        this.bytes = null;
    }
}
