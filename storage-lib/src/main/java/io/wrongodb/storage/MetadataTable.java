package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.btree.BTree;
import io.wrongodb.storage.support.StorageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of tables: one entry per table, keyed by its name (UTF-8), recording where its root page was at the
 * last checkpoint. It is a B+tree like any other; its own root's address is in the checkpoint slot.
 *
 * <pre>
 * Metadata entry value (little-endian; part of the file format)
 * offset size field
 *      0    1 entry version (1)
 *      1   16 the table's root page address at the last checkpoint (none until its first checkpoint)
 * </pre>
 */
final class MetadataTable {
    private static final byte ENTRY_VERSION = 1;
    private final BTree tree;

    MetadataTable(BTree tree) {
        this.tree = tree;
    }

    BTree tree() {
        return tree;
    }

    /** The root address recorded for {@code table}, or null if there is no such table. */
    BlockAddress root(String table) {
        byte[] value = tree.get(key(table));
        if (value == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        byte version = in.get();
        if (version != ENTRY_VERSION) {
            throw new StorageException("metadata entry of table " + table + " has unknown version " + version);
        }
        return BlockAddress.readFrom(in);
    }

    boolean add(String table) {
        return tree.put(key(table), value(BlockAddress.NONE), BTree.PutMode.INSERT);
    }

    void setRoot(String table, BlockAddress root) {
        tree.put(key(table), value(root), BTree.PutMode.UPDATE);
    }

    boolean remove(String table) {
        return tree.remove(key(table));
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        io.wrongodb.storage.btree.TreeCursor cursor = new io.wrongodb.storage.btree.TreeCursor(tree);
        for (boolean more = cursor.first(); more; more = cursor.next()) {
            names.add(new String(cursor.key(), StandardCharsets.UTF_8));
        }
        cursor.reset();
        return names;
    }

    private static byte[] key(String table) {
        return table.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(BlockAddress root) {
        ByteBuffer out = ByteBuffer.allocate(1 + BlockAddress.SERIALIZED_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ENTRY_VERSION);
        root.writeTo(out);
        return out.array();
    }
}
