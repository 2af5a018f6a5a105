package io.wrongodb.storage.wal;

import io.wrongodb.storage.support.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The write-ahead log, with group commit. Committing threads only copy their record into the log buffer (under a
 * short lock that also assigns its LSN); one writer thread takes everything buffered, writes it, fsyncs once, and
 * wakes every committer the fsync covered. While it syncs, new commits gather for the next batch, so under load
 * one fsync covers many commits.
 *
 * <p>{@link CommitMode#SYNC} returns after the covering fsync; {@link CommitMode#ASYNC} returns at once, and the
 * writer syncs buffered records at least every commit interval. A failed write or fsync is never retried: the log
 * refuses every later commit, because after a failed fsync the kernel may have dropped the data it could not write.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WriteAheadLog.class);

    private final Path dir;
    private final WalConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition synced = lock.newCondition();
    private final Thread writer;

    // Guarded by lock.
    private int currentFile;
    private long nextOffset;
    private long currentBatch;
    private List<Segment> pending = new ArrayList<>();
    private long oldestPendingNanos;
    private int syncWaiters;
    private Lsn syncedEnd;
    private boolean closing;
    private StorageException failure;

    // Writer thread only.
    private FileChannel channel;
    private int channelFile;
    private volatile boolean preparing;

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();

    /** Bytes of one file's contiguous records waiting to be written. */
    private record Segment(int file, long offset, ByteBuffer bytes) {}

    private WriteAheadLog(Path dir, WalConfig config, Lsn end, long lastBatch) throws IOException {
        this.dir = dir;
        this.config = config;
        this.currentBatch = lastBatch + 1;
        if (end.file() == 0 || end.offset() == 0) {
            currentFile = Math.max(1, end.file());
            channel = LogFiles.create(dir, currentFile, config.fileSize());
            nextOffset = LogFiles.FIRST_RECORD;
        } else {
            currentFile = end.file();
            channel = FileChannel.open(
                    LogFiles.path(dir, currentFile), StandardOpenOption.READ, StandardOpenOption.WRITE);
            nextOffset = end.offset();
        }
        channelFile = currentFile;
        syncedEnd = new Lsn(currentFile, nextOffset);
        writer = new Thread(this::writeLoop, "wrongodb-wal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the log in {@code dir} to append after {@code end}, the end found by {@link LogScanner#recover}, whose
     * last batch was {@code lastBatch}. {@link Lsn#NONE} starts a new log at file 1; an LSN with offset 0 starts a
     * new log at that file number.
     */
    public static WriteAheadLog open(Path dir, WalConfig config, Lsn end, long lastBatch) {
        try {
            Files.createDirectories(dir);
            return new WriteAheadLog(dir, config, end, lastBatch);
        } catch (IOException e) {
            throw new StorageException("cannot open the log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where a buffered record starts, and where it ends (what a sync must reach to cover it). */
    public record Appended(Lsn lsn, Lsn end) {}

    /** Appends a record; returns its LSN once the mode's promise holds. */
    public Lsn append(byte type, ByteBuffer payload, CommitMode mode) {
        Appended appended = buffer(type, payload);
        if (mode == CommitMode.SYNC) {
            awaitSynced(appended.end());
        }
        return appended.lsn();
    }

    /**
     * Copies a record into the log buffer and gives it its LSN, without waiting for any write: the caller may hold
     * a latch that orders records, and waits for durability with {@link #awaitSynced} after letting it go.
     */
    public Appended buffer(byte type, ByteBuffer payload) {
        int size = LogRecord.alignedSize(payload.remaining());
        lock.lock();
        try {
            checkUsable();
            if (nextOffset + size > config.fileSize() && nextOffset > LogFiles.FIRST_RECORD) {
                currentFile++;
                nextOffset = LogFiles.FIRST_RECORD;
            }
            Lsn lsn = new Lsn(currentFile, nextOffset);
            buffer(lsn, size).put(encode(lsn, type, payload, size));
            nextOffset += size;
            if (pending.size() == 1 && pending.get(0).bytes.position() == size) {
                oldestPendingNanos = System.nanoTime();
            }
            commits.incrementAndGet();
            return new Appended(lsn, new Lsn(currentFile, nextOffset));
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the log is synced at least up to {@code end}; throws if the log failed. */
    public void awaitSynced(Lsn end) {
        lock.lock();
        try {
            if (!syncedEnd.isBefore(end)) {
                return;
            }
            checkUsable();
            syncWaiters++;
            work.signal();
            try {
                while (syncedEnd.isBefore(end) && failure == null) {
                    synced.awaitUninterruptibly();
                }
            } finally {
                syncWaiters--;
            }
            if (failure != null) {
                checkUsable();
            }
        } finally {
            lock.unlock();
        }
    }

    private ByteBuffer encode(Lsn lsn, byte type, ByteBuffer payload, int size) {
        ByteBuffer record = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        LogRecord.write(record, lsn.offset(), currentBatch, type, payload);
        return record.flip();
    }

    /** The pending segment a record at {@code lsn} of {@code size} bytes goes into. */
    private ByteBuffer buffer(Lsn lsn, int size) {
        Segment last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null
                && last.file == lsn.file()
                && last.offset + last.bytes.position() == lsn.offset()
                && last.bytes.remaining() >= size) {
            return last.bytes;
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.max(size, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        pending.add(new Segment(lsn.file(), lsn.offset(), bytes));
        return bytes;
    }

    /** Waits until everything appended so far is synced. */
    public void flush() {
        awaitSynced(end());
    }

    /** The LSN the next record will get. */
    public Lsn end() {
        lock.lock();
        try {
            return new Lsn(currentFile, nextOffset);
        } finally {
            lock.unlock();
        }
    }

    public long commits() {
        return commits.get();
    }

    public long fsyncs() {
        return fsyncs.get();
    }

    /** Deletes the log files every record of which lies before {@code lsn} (a durable checkpoint's LSN). */
    public void removeFilesBefore(Lsn lsn) {
        for (int number : LogFiles.list(dir)) {
            if (number < lsn.file()) {
                try {
                    Files.deleteIfExists(LogFiles.path(dir, number));
                } catch (IOException e) {
                    throw new StorageException("cannot remove log file " + number + ": " + e.getMessage(), e);
                }
            }
        }
        LogFiles.syncDirectory(dir);
    }

    private void checkUsable() {
        if (failure != null) {
            throw new StorageException(
                    "the log failed earlier and accepts no more commits: " + failure.getMessage(), failure);
        }
        if (closing) {
            throw new StorageException("the log is closed");
        }
    }

    private void writeLoop() {
        while (true) {
            List<Segment> batch;
            Lsn batchEnd;
            lock.lock();
            try {
                while (!closing && !dueForWrite()) {
                    long waitNanos = pending.isEmpty()
                            ? TimeUnit.SECONDS.toNanos(1)
                            : config.commitInterval().toNanos() - (System.nanoTime() - oldestPendingNanos);
                    if (waitNanos > 0) {
                        work.awaitNanos(waitNanos);
                    }
                }
                if (pending.isEmpty() && closing) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
                batchEnd = new Lsn(currentFile, nextOffset);
                currentBatch++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            StorageException error = null;
            try {
                writeAndSync(batch);
            } catch (IOException | RuntimeException e) {
                error = new StorageException("log write failed: " + e.getMessage(), e);
                LOG.error("the write-ahead log failed; no further commits are accepted", e);
            }
            lock.lock();
            try {
                if (error != null) {
                    failure = error;
                } else {
                    syncedEnd = batchEnd;
                }
                synced.signalAll();
                if (error != null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean dueForWrite() {
        if (pending.isEmpty()) {
            return false;
        }
        return syncWaiters > 0
                || System.nanoTime() - oldestPendingNanos
                        >= config.commitInterval().toNanos();
    }

    private void writeAndSync(List<Segment> batch) throws IOException {
        List<FileChannel> toSync = new ArrayList<>();
        for (Segment segment : batch) {
            if (segment.file != channelFile) {
                // The file being left is synced and closed here, not with the rest of the batch.
                channel.force(false);
                toSync.remove(channel);
                channel.close();
                channel = LogFiles.create(dir, segment.file, config.fileSize());
                channelFile = segment.file;
                prepareNextFile();
            }
            ByteBuffer bytes = segment.bytes.flip();
            long at = segment.offset;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            if (!toSync.contains(channel)) {
                toSync.add(channel);
            }
        }
        for (FileChannel written : toSync) {
            written.force(false);
        }
        fsyncs.incrementAndGet();
    }

    /** Zero-fills the next log file in the background, so the next switch is a rename. */
    private void prepareNextFile() {
        if (preparing) {
            return;
        }
        preparing = true;
        Thread preparer = new Thread(
                () -> {
                    try {
                        LogFiles.prepare(dir, config.fileSize());
                    } catch (IOException e) {
                        LOG.warnf("could not prepare the next log file: %s", e.getMessage());
                    } finally {
                        preparing = false;
                    }
                },
                "wrongodb-wal-prepare");
        preparer.setDaemon(true);
        preparer.start();
    }

    /** Writes and syncs what is buffered, then stops the writer. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join();
            channel.force(false);
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new StorageException("cannot close the log: " + e.getMessage(), e);
        }
    }
}
