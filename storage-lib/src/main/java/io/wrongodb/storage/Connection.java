package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.block.CheckpointSlot;
import io.wrongodb.storage.btree.BTree;
import io.wrongodb.storage.cache.PageCache;
import io.wrongodb.storage.support.StorageException;
import io.wrongodb.storage.wal.CommitMode;
import io.wrongodb.storage.wal.LogRecord;
import io.wrongodb.storage.wal.LogScanner;
import io.wrongodb.storage.wal.Lsn;
import io.wrongodb.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open database directory: one block file ({@value #FILE_NAME}) holding every table, the metadata table that
 * lists them, the page cache they share, and the write-ahead log in {@value #LOG_DIRECTORY}/. Opening reads the last
 * checkpoint and replays the log written after it; closing writes a new checkpoint. Thread-safe; each thread works
 * through its own {@link Session}.
 *
 * <p>Every write is logged before it is applied, under the tree's latch, so the log's order is the trees' order; a
 * {@link CommitMode#SYNC} write then waits for the fsync after the latch is released, so writers to one table still
 * share fsyncs. A checkpoint records the log position it covers; recovery replays from there.
 */
public final class Connection implements AutoCloseable {
    public static final String FILE_NAME = "wrongodb.wt";
    /** The log's folder, named after MongoDB's. */
    public static final String LOG_DIRECTORY = "journal";

    private final StorageConfig config;
    private final BlockFile file;
    private final PageCache cache;
    private final MetadataTable metadata;
    private final Map<String, BTree> tables = new ConcurrentHashMap<>();
    /** Held by create, drop and checkpoint, which change the set of tables or the metadata. */
    private final ReentrantLock schemaLock = new ReentrantLock();

    private final WriteAheadLog log;
    private final LogScanner.Result recovery;
    private volatile boolean closed;

    private Connection(Path directory, StorageConfig config, BlockFile file) {
        this.config = config;
        this.file = file;
        this.cache = new PageCache(config.cacheSizeBytes());
        this.metadata = new MetadataTable(BTree.open(
                "metadata", file, cache, config.tree(), file.checkpoint().metadataRoot()));
        if (config.logEnabled()) {
            Path logDirectory = directory.resolve(LOG_DIRECTORY);
            try {
                Files.createDirectories(logDirectory);
            } catch (IOException e) {
                throw new StorageException("cannot create " + logDirectory + ": " + e.getMessage(), e);
            }
            CheckpointSlot slot = file.checkpoint();
            Lsn covered = new Lsn(slot.logFile(), slot.logOffset());
            recovery = LogScanner.recover(logDirectory, covered, this::replay);
            // A log that ends before the checkpoint's position (its files were lost) restarts past it, so no new
            // record gets an LSN the checkpoint claims to cover.
            Lsn end = recovery.end().isBefore(covered) ? new Lsn(covered.file() + 1, 0) : recovery.end();
            log = WriteAheadLog.open(logDirectory, config.wal(), end, recovery.lastBatch());
            if (recovery.recordsReplayed() > 0) {
                // What was replayed becomes a checkpoint, so the log before it can go.
                checkpoint();
            }
        } else {
            recovery = new LogScanner.Result(Lsn.NONE, 0, 0, 0);
            log = null;
        }
    }

    public static Connection open(Path directory, StorageConfig config) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        BlockFile file = BlockFile.open(directory.resolve(FILE_NAME), config.allocationUnit());
        try {
            return new Connection(directory, config, file);
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
        return new Session(this, config.commitMode());
    }

    /** What recovery found when this connection opened: records replayed, where the log ended, bytes cut. */
    public LogScanner.Result recovery() {
        return recovery;
    }

    /** The write-ahead log, or null when the log is disabled. */
    public WriteAheadLog log() {
        return log;
    }

    // ---- logged writes ------------------------------------------------------------------------------------

    boolean put(BTree tree, byte[] key, byte[] value, BTree.PutMode mode, CommitMode commit) {
        if (log == null) {
            return tree.put(key, value, mode);
        }
        ByteBuffer record = CommitRecord.put(tree.name(), key, value);
        WriteAheadLog.Appended[] logged = new WriteAheadLog.Appended[1];
        boolean applied = tree.put(key, value, mode, () -> logged[0] = log.buffer(LogRecord.COMMIT, record));
        if (applied && commit == CommitMode.SYNC) {
            log.awaitSynced(logged[0].end());
        }
        return applied;
    }

    boolean remove(BTree tree, byte[] key, CommitMode commit) {
        if (log == null) {
            return tree.remove(key);
        }
        ByteBuffer record = CommitRecord.remove(tree.name(), key);
        WriteAheadLog.Appended[] logged = new WriteAheadLog.Appended[1];
        boolean applied = tree.remove(key, () -> logged[0] = log.buffer(LogRecord.COMMIT, record));
        if (applied && commit == CommitMode.SYNC) {
            log.awaitSynced(logged[0].end());
        }
        return applied;
    }

    /** Applies one replayed commit record, during recovery only (nothing is logged again). */
    private void replay(LogRecord.Read record) {
        if (record.type() != LogRecord.COMMIT) {
            return;
        }
        for (CommitRecord.Operation op : CommitRecord.decode(record.payload())) {
            switch (op.kind()) {
                case CommitRecord.CREATE_TABLE -> {
                    if (metadata.add(op.table())) {
                        tables.put(op.table(), BTree.open(op.table(), file, cache, config.tree(), BlockAddress.NONE));
                    }
                }
                case CommitRecord.DROP_TABLE -> {
                    if (metadata.root(op.table()) != null) {
                        table(op.table()).drop();
                        tables.remove(op.table());
                        metadata.remove(op.table());
                    }
                }
                case CommitRecord.PUT -> table(op.table()).put(op.key(), op.value(), BTree.PutMode.UPSERT);
                case CommitRecord.REMOVE -> table(op.table()).remove(op.key());
                default -> throw new StorageException("unknown operation in the log at " + record.lsn());
            }
        }
    }

    private void logSchemaChange(ByteBuffer record) {
        if (log != null) {
            log.append(LogRecord.COMMIT, record, CommitMode.SYNC);
        }
    }

    /** Creates an empty table; false if one of that name exists. */
    public boolean createTable(String name) {
        checkName(name);
        schemaLock.lock();
        try {
            checkOpen();
            if (metadata.root(name) != null) {
                return false;
            }
            logSchemaChange(CommitRecord.createTable(name));
            metadata.add(name);
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
            logSchemaChange(CommitRecord.dropTable(name));
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

    /** The metadata table's tree, for tests that check the cache's accounting. */
    BTree metadataTree() {
        return metadata.tree();
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
                // No write can slip in while every tree is latched: the log's end is exactly what the pages hold.
                Lsn covered = log == null ? Lsn.NONE : log.end();
                for (BTree tree : open) {
                    BlockAddress root = tree.writeDirtyPages();
                    if (!root.equals(metadata.root(tree.name()))) {
                        metadata.setRoot(tree.name(), root);
                    }
                }
                BTree meta = metadata.tree();
                meta.lockForCheckpoint();
                CheckpointSlot slot;
                try {
                    BlockAddress metaRoot = meta.writeDirtyPages();
                    if (log != null) {
                        // The log must reach the covered position on disk first, or after a crash it could
                        // restart before it and give new records LSNs the checkpoint claims to hold.
                        log.flush();
                    }
                    slot = file.checkpoint(metaRoot, covered.file(), covered.offset());
                } finally {
                    meta.unlockAfterCheckpoint();
                }
                if (log != null) {
                    log.removeFilesBefore(covered);
                }
                return slot;
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
            if (log != null) {
                log.close();
            }
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
