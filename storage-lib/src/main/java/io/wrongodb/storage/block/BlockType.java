package io.wrongodb.storage.block;

/** The kind of a block, stored in its header. The numbers are part of the file format. */
public final class BlockType {
    public static final byte LEAF_PAGE = 1;
    public static final byte INTERNAL_PAGE = 2;
    public static final byte OVERFLOW_VALUE = 3;
    public static final byte EXTENT_LIST = 4;
    /** Not stored: asks {@link BlockFile#read} to accept a leaf or an internal page. */
    public static final byte ANY_PAGE = 0;

    private BlockType() {}

    public static String name(byte type) {
        return switch (type) {
            case LEAF_PAGE -> "leaf page";
            case INTERNAL_PAGE -> "internal page";
            case OVERFLOW_VALUE -> "overflow value";
            case EXTENT_LIST -> "extent list";
            default -> "unknown (type " + type + ")";
        };
    }
}
