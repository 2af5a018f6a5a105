package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockAddress;
import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.block.CheckpointSlot;
import io.wrongodb.storage.btree.BTree;
import io.wrongodb.storage.cache.PageCache;
import io.wrongodb.storage.support.StorageException;
import io.wrongodb.storage.txn.Snapshot;
import io.wrongodb.storage.txn.Transaction;
import io.wrongodb.storage.txn.Transactions;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An open database directory: one block file ({@value #FILE_NAME}) holding every table, the metadata table that
 * lists them, the page cache they share, and the write-ahead log in {@value #LOG_DIRECTORY}/. Opening reads the last
 * checkpoint and replays the log written after it; closing writes a new checkpoint. Thread-safe; each thread works
 * through its own {@link Session}.
 *
 * <p>Writes are transactional (MVCC, {@link Transactions}): a write leaves a version in its tree at once, visible
 * only to its own transaction, and the transaction's commit writes all its changes as one log record and gives
 * them a commit number in the same step, so the log's order is the commit order. A {@link CommitMode#SYNC} commit
 * then waits for the fsync, outside every lock, so concurrent commits share fsyncs. A checkpoint writes what one
 * snapshot sees and records the log position that snapshot ends at; recovery replays the commits from there.
 */
public final class Connection implements AutoCloseable {
    public static final String FILE_NAME = "wrongodb.wt";
    /** The log's folder, named after MongoDB's. */
    public static final String LOG_DIRECTORY = "journal";

    private final StorageConfig config;
    private final BlockFile file;
    private final PageCache cache;
    private final Transactions transactions = new Transactions();
    private final MetadataTable metadata;
    private final Map<String, BTree> tables = new ConcurrentHashMap<>();
    /** Held by create, drop and checkpoint, which change the set of tables or the metadata. */
    private final ReentrantLock schemaLock = new ReentrantLock();

    private final WriteAheadLog log;
    private final LogScanner.Result recovery;
    private final ScheduledExecutorService checkpointer;
    private volatile Consumer<String> afterTableWritten = table -> {};
    private volatile boolean closed;

    private Connection(Path directory, StorageConfig config, BlockFile file) {
        this.config = config;
        this.file = file;
        this.cache = new PageCache(config.cacheSizeBytes());
        this.metadata = new MetadataTable(BTree.open(
                "metadata", file, cache, config.tree(), file.checkpoint().metadataRoot(), transactions));
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
        checkpointer = startCheckpointer(config.checkpointInterval());
    }

    /** The background thread that checkpoints every {@code interval}, or null for none. */
    private ScheduledExecutorService startCheckpointer(java.time.Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return null;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wrongodb-checkpointer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::backgroundCheckpoint, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }

    private void backgroundCheckpoint() {
        if (closed || !file.isOpen()) {
            // Closed under the connection (as the crash tests do to stop it dead): nothing left to checkpoint.
            checkpointer.shutdown();
            return;
        }
        try {
            checkpoint();
        } catch (RuntimeException e) {
            // Keep the schedule: the next one may succeed, and the log still holds every commit meanwhile.
            if (!closed && file.isOpen()) {
                System.getLogger(Connection.class.getName())
                        .log(System.Logger.Level.ERROR, "background checkpoint failed: " + e.getMessage(), e);
            }
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

    /** The connection's transactions: snapshots, commit numbers, the oldest snapshot in use. */
    public Transactions transactions() {
        return transactions;
    }

    // ---- commits ------------------------------------------------------------------------------------------

    /** One change a transaction made, for its log record and its rollback: a put, or a remove (null value). */
    record Change(BTree tree, byte[] key, byte[] value) {}

    /**
     * Commits {@code txn}: its changes become one log record, appended as it takes its commit number, and from
     * that moment every new snapshot sees them. With {@link CommitMode#SYNC}, returns once the record is fsynced.
     */
    void commit(Transaction txn, List<Change> changes, CommitMode mode) {
        if (log == null || changes.isEmpty()) {
            transactions.commit(txn, () -> null);
            return;
        }
        CommitRecord.Operation[] ops = new CommitRecord.Operation[changes.size()];
        for (int i = 0; i < ops.length; i++) {
            Change c = changes.get(i);
            ops[i] = new CommitRecord.Operation(
                    c.value() == null ? CommitRecord.REMOVE : CommitRecord.PUT,
                    c.tree().name(),
                    c.key(),
                    c.value());
        }
        ByteBuffer record = CommitRecord.encode(ops);
        WriteAheadLog.Appended logged = transactions.commit(txn, () -> log.buffer(LogRecord.COMMIT, record));
        if (mode == CommitMode.SYNC) {
            log.awaitSynced(logged.end());
        }
    }

    /** Aborts {@code txn} and takes its versions out of the trees: nobody ever saw them. */
    void rollback(Transaction txn, List<Change> changes) {
        if (txn.isRunning()) {
            transactions.abort(txn);
        }
        for (Change c : changes) {
            if (!c.tree().isClosed()) {
                c.tree().rollback(c.key(), txn);
            }
        }
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
                        tables.put(
                                op.table(),
                                BTree.open(op.table(), file, cache, config.tree(), BlockAddress.NONE, transactions));
                    }
                }
                case CommitRecord.DROP_TABLE -> {
                    if (metadata.root(op.table()) != null) {
                        table(op.table()).drop();
                        tables.remove(op.table());
                        metadata.remove(op.table());
                    }
                }
                // A transaction that wrote to a table dropped before it committed logs changes to a table that
                // is gone by then: they went with it.
                case CommitRecord.PUT -> {
                    if (hasTable(op.table())) {
                        table(op.table()).put(op.key(), op.value(), BTree.PutMode.UPSERT);
                    }
                }
                case CommitRecord.REMOVE -> {
                    if (hasTable(op.table())) {
                        table(op.table()).remove(op.key());
                    }
                }
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
            tables.put(name, BTree.open(name, file, cache, config.tree(), BlockAddress.NONE, transactions));
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
                return BTree.open(missing, file, cache, config.tree(), root, transactions);
            });
        } finally {
            schemaLock.unlock();
        }
    }

    /**
     * Writes every table as one snapshot sees it, then the metadata, and publishes a new checkpoint slot. The
     * snapshot is taken with the log's end, in one step with respect to commits, so the checkpoint holds exactly
     * the commits logged before the position it records. Each table's latch is held shared only while that table
     * is written: readers and commits go on throughout, and writers wait only for the table being written.
     */
    public CheckpointSlot checkpoint() {
        schemaLock.lock();
        try {
            checkOpen();
            List<BTree> open = new ArrayList<>(tables.values());
            open.sort((a, b) -> a.name().compareTo(b.name()));
            Lsn[] covered = {Lsn.NONE};
            Snapshot snapshot = transactions.pinLatest(() -> covered[0] = log == null ? Lsn.NONE : log.end());
            BTree meta = metadata.tree();
            cache.checkpointStarted();
            try {
                for (BTree tree : open) {
                    tree.lockForCheckpoint();
                    BlockAddress root;
                    try {
                        root = tree.writeDirtyPages(snapshot);
                    } finally {
                        tree.unlockAfterCheckpoint();
                    }
                    if (!root.equals(metadata.root(tree.name()))) {
                        metadata.setRoot(tree.name(), root);
                    }
                    afterTableWritten.accept(tree.name());
                }
                meta.lockForCheckpoint();
                CheckpointSlot slot;
                try {
                    BlockAddress metaRoot = meta.writeDirtyPages(snapshot);
                    if (log != null) {
                        // The log must reach the covered position on disk first, or after a crash it could
                        // restart before it and give new records LSNs the checkpoint claims to hold.
                        log.flush();
                    }
                    slot = file.checkpoint(metaRoot, covered[0].file(), covered[0].offset());
                } finally {
                    meta.unlockAfterCheckpoint();
                }
                if (log != null) {
                    log.removeFilesBefore(covered[0]);
                }
                return slot;
            } finally {
                // In this order: operations waiting for room retry once the cache says the checkpoint ended, and
                // by then its snapshot must no longer hold versions back, nor its tables their dirty pages.
                transactions.release(snapshot);
                open.forEach(BTree::checkpointEnded);
                meta.checkpointEnded();
                cache.checkpointEnded();
            }
        } finally {
            schemaLock.unlock();
        }
    }

    /** Called by a checkpoint after it wrote each table, while the others wait: a seam for tests. */
    void afterTableWritten(Consumer<String> hook) {
        afterTableWritten = hook;
    }

    /** Stops the background checkpoints, checkpoints once more and closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (checkpointer != null) {
            checkpointer.shutdown();
            try {
                checkpointer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
