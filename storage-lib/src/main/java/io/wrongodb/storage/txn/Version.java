package io.wrongodb.storage.txn;

/**
 * One version of one key, as a write left it in its leaf page: the value (or a tombstone for a removal), the
 * transaction that wrote it, and the next older version. A key's versions form a chain, newest first, in front of
 * the value its page was read with (WiredTiger's update list, {@code WT_UPDATE}).
 *
 * <p>Chains change only under the tree's write latch: a write pushes a version, a rollback pops its own, and once
 * every snapshot sees a version the older ones behind it are cut off (they can never be read again). Readers walk
 * chains under the shared latch.
 */
public final class Version {
    /** Bytes of Java object overhead per version, for the cache's accounting. */
    public static final int MEMORY_OVERHEAD = 48;

    private final Transaction writer;
    private final byte[] value;
    private Version older;

    /** A version by {@code writer} (null: committed before any running transaction); {@code value} null removes. */
    public Version(Transaction writer, byte[] value) {
        this.writer = writer;
        this.value = value;
    }

    public Transaction writer() {
        return writer;
    }

    /** The value, or null for a tombstone. */
    public byte[] value() {
        return value;
    }

    public boolean isTombstone() {
        return value == null;
    }

    public Version older() {
        return older;
    }

    public void setOlder(Version older) {
        this.older = older;
    }

    /** True if its writer aborted: a rollback is about to take it out of its chain, and nobody may see it. */
    public boolean isAborted() {
        return writer != null && writer.isAborted();
    }

    /**
     * True once every present and future snapshot sees this version: its writer committed at or before {@code
     * oldest} (never for a running or aborted writer).
     */
    public boolean isVisibleToAll(long oldest) {
        if (writer == null) {
            return true;
        }
        long committed = writer.commitNumber();
        return committed > 0 && committed <= oldest;
    }

    /** Bytes this version holds in memory. */
    public long memory() {
        return MEMORY_OVERHEAD + (value == null ? 0 : value.length);
    }

    @Override
    public String toString() {
        return (value == null ? "tombstone" : value.length + " bytes") + " by " + (writer == null ? "(base)" : writer);
    }
}
