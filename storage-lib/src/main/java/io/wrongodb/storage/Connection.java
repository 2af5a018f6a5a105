package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.block.CheckpointSlot;
import io.wrongodb.storage.btree.BTree;
import io.wrongodb.storage.cache.PageCache;
import io.wrongodb.storage.support.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open database directory: one block file ({@value #FILE_NAME}) holding every table, the metadata table that
 * lists them, and the page cache they share. Opening reads the last checkpoint; closing writes a new one.
 * Thread-safe; each thread works through its own {@link Session}.
 */
public final class Connection implements AutoCloseable {
    public static final String FILE_NAME = "wrongodb.wt";

    private final StorageConfig config;
    private final BlockFile file;
    private final PageCache cache;
    private final MetadataTable metadata;
    private final Map<String, BTree> tables = new ConcurrentHashMap<>();
    /** Held by create, drop and checkpoint, which change the set of tables or the metadata. */
    private final ReentrantLock schemaLock = new ReentrantLock();

    private volatile boolean closed;

    private Connection(StorageConfig config, BlockFile file) {
        this.config = config;
        this.file = file;
        this.cache = new PageCache(config.cacheSizeBytes());
        this.metadata = new MetadataTable(BTree.open(
                "metadata", file, cache, config.tree(), file.checkpoint().metadataRoot()));
    }

    public static Connection open(Path directory, StorageConfig config) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        BlockFile file = BlockFile.open(directory.resolve(FILE_NAME), config.allocationUnit());
        try {
            return new Connection(config, file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public StorageConfig config() {
        return config;
    }

    public PageCache cache() {
        return cache;
    }

    public BlockFile file() {
        return file;
    }

    public Session openSession() {
        checkOpen();
        return new Session(this);
    }

    /** Creates an empty table; false if one of that name exists. */
    public boolean createTable(String name) {
        checkName(name);
        schemaLock.lock();
        try {
            checkOpen();
            if (!metadata.add(name)) {
                return false;
            }
            tables.put(name, BTree.open(name, file, cache, config.tree(), BlockAddress.NONE));
            return true;
        } finally {
            schemaLock.unlock();
        }
    }

    /** Drops a table and frees its space (reusable after the next checkpoint); false if there is none. */
    public boolean dropTable(String name) {
        schemaLock.lock();
        try {
            checkOpen();
            if (metadata.root(name) == null) {
                return false;
            }
            table(name).drop();
            tables.remove(name);
            metadata.remove(name);
            return true;
        } finally {
            schemaLock.unlock();
        }
    }

    public boolean hasTable(String name) {
        return tables.containsKey(name) || metadata.root(name) != null;
    }

    /** Table names in sorted order. */
    public List<String> tableNames() {
        return metadata.names();
    }

    BTree table(String name) {
        checkOpen();
        BTree tree = tables.get(name);
        if (tree != null) {
            return tree;
        }
        schemaLock.lock();
        try {
            return tables.computeIfAbsent(name, missing -> {
                BlockAddress root = metadata.root(missing);
                if (root == null) {
                    throw new StorageException("no table named " + missing);
                }
                return BTree.open(missing, file, cache, config.tree(), root);
            });
        } finally {
            schemaLock.unlock();
        }
    }

    /**
     * Writes every dirty page of every table, then the metadata, and publishes a new checkpoint slot. Writers wait
     * while it runs; readers go on.
     */
    public CheckpointSlot checkpoint() {
        schemaLock.lock();
        try {
            checkOpen();
            List<BTree> open = new ArrayList<>(tables.values());
            open.sort((a, b) -> a.name().compareTo(b.name()));
            open.forEach(BTree::lockForCheckpoint);
            try {
                for (BTree tree : open) {
                    BlockAddress root = tree.writeDirtyPages();
                    if (!root.equals(metadata.root(tree.name()))) {
                        metadata.setRoot(tree.name(), root);
                    }
                }
                BTree meta = metadata.tree();
                meta.lockForCheckpoint();
                try {
                    return file.checkpoint(meta.writeDirtyPages());
                } finally {
                    meta.unlockAfterCheckpoint();
                }
            } finally {
                open.forEach(BTree::unlockAfterCheckpoint);
            }
        } finally {
            schemaLock.unlock();
        }
    }

    /** Checkpoints and closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkpoint();
        schemaLock.lock();
        try {
            closed = true;
            tables.values().forEach(BTree::unload);
            metadata.tree().unload();
            file.close();
        } finally {
            schemaLock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("the connection is closed");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a table needs a name");
        }
    }
}
