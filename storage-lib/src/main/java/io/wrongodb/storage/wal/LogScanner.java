package io.wrongodb.storage.wal;

import io.wrongodb.storage.support.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads the log back for recovery, and decides where it ends.
 *
 * <p>At a position that holds no intact record (zeros, a bad checksum, a record written for another offset), the
 * scanner looks further on for any intact record, in this file and the later ones:
 *
 * <ul>
 *   <li>none, or only zeros to the end of a file that has a successor: the log ends here (or the next file
 *       continues it);
 *   <li>one whose batch is at most one past the last good record's: the damage lies in the last batch, which was
 *       being written when the process died and was never acknowledged as synced: a <b>torn tail</b>. The log is
 *       cut here; the bytes after the cut are zeroed and later files removed, and the cut is logged;
 *   <li>one whose batch is two or more past: the writer had synced the damaged record's batch before it wrote that
 *       one, so a commit that was acknowledged is damaged: {@link CorruptLogException} naming the LSN.
 * </ul>
 */
public final class LogScanner {
    private static final Logger LOG = Logger.getLogger(LogScanner.class);

    /** Where the log ends after recovery, and what was cut. */
    public record Result(Lsn end, long lastBatch, long recordsReplayed, long bytesCut) {}

    private LogScanner() {}

    /**
     * Calls {@code visitor} with every intact record at or after {@code from}, in LSN order; repairs a torn tail;
     * returns where appending continues.
     */
    public static Result recover(Path dir, Lsn from, Consumer<LogRecord.Read> visitor) {
        List<Integer> files = LogFiles.list(dir);
        long lastBatch = 0;
        long replayed = 0;
        Lsn end = Lsn.NONE;
        for (int i = 0; i < files.size(); i++) {
            int number = files.get(i);
            if (number < from.file()) {
                continue;
            }
            Path path = LogFiles.path(dir, number);
            ByteBuffer bytes = map(path);
            LogRecord.Read header = LogRecord.parse(bytes, number, 0);
            if (header == null
                    || header.type() != LogRecord.FILE_HEADER
                    || header.payload().order(ByteOrder.LITTLE_ENDIAN).getLong(0) != LogFiles.MAGIC) {
                if (i == files.size() - 1) {
                    // The newest file's header was never completely written: the file holds nothing.
                    LOG.warnf("log file %d has no valid header; it is removed (it was being created)", number);
                    delete(path);
                    break;
                }
                throw new CorruptLogException(new Lsn(number, 0), "log file " + number + " has a damaged header");
            }
            long offset =
                    number == from.file() ? Math.max(from.offset(), LogFiles.FIRST_RECORD) : LogFiles.FIRST_RECORD;
            boolean continueInNextFile = false;
            while (true) {
                LogRecord.Read record = LogRecord.parse(bytes, number, offset);
                if (record != null) {
                    visitor.accept(record);
                    replayed++;
                    lastBatch = record.batch();
                    offset += record.alignedSize();
                    continue;
                }
                LogRecord.Read later = findLater(dir, files, i, bytes, offset);
                if (later == null && i == files.size() - 1) {
                    long cut = zeroFrom(path, bytes, offset);
                    if (cut > 0) {
                        LOG.warnf("log cut at LSN %d/%d: %d bytes of a torn tail discarded", number, offset, cut);
                    }
                    end = new Lsn(number, offset);
                    return new Result(end, lastBatch, replayed, cut);
                }
                if (later != null && later.batch() >= lastBatch + 2) {
                    throw new CorruptLogException(
                            new Lsn(number, offset),
                            "log record at LSN " + number + "/" + offset + " is damaged, but the log goes on with"
                                    + " records synced after it (batch " + later.batch() + " at LSN " + later.lsn()
                                    + "); refusing to recover past a damaged commit");
                }
                if (later != null && later.lsn().file() == number || !allZero(bytes, offset)) {
                    // Torn tail of the last batch: cut here and drop whatever followed.
                    long cut = zeroFrom(path, bytes, offset);
                    for (int j = i + 1; j < files.size(); j++) {
                        cut += sizeOf(LogFiles.path(dir, files.get(j)));
                        delete(LogFiles.path(dir, files.get(j)));
                    }
                    LOG.warnf("log cut at LSN %d/%d: %d bytes of a torn tail discarded", number, offset, cut);
                    return new Result(new Lsn(number, offset), lastBatch, replayed, cut);
                }
                continueInNextFile = true;
                break;
            }
            end = new Lsn(number, offset);
            if (!continueInNextFile) {
                break;
            }
        }
        return new Result(end, lastBatch, replayed, 0);
    }

    /** The first intact record after {@code offset} in file {@code index} or any later file, or null. */
    private static LogRecord.Read findLater(Path dir, List<Integer> files, int index, ByteBuffer bytes, long offset) {
        LogRecord.Read found = scan(bytes, files.get(index), offset + LogRecord.ALIGNMENT);
        for (int j = index + 1; found == null && j < files.size(); j++) {
            found = scan(map(LogFiles.path(dir, files.get(j))), files.get(j), LogFiles.FIRST_RECORD);
        }
        return found;
    }

    private static LogRecord.Read scan(ByteBuffer bytes, int file, long from) {
        for (long at = from; at + LogRecord.HEADER_SIZE <= bytes.limit(); at += LogRecord.ALIGNMENT) {
            if (bytes.getLong((int) at + 8) == at) {
                LogRecord.Read record = LogRecord.parse(bytes, file, at);
                if (record != null) {
                    return record;
                }
            }
        }
        return null;
    }

    private static boolean allZero(ByteBuffer bytes, long from) {
        for (int at = (int) from; at < bytes.limit(); at++) {
            if (bytes.get(at) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Zeroes a file from {@code offset} on where it is not zero; returns the bytes that were not. */
    private static long zeroFrom(Path path, ByteBuffer bytes, long offset) {
        long nonZero = 0;
        int last = -1;
        for (int at = (int) offset; at < bytes.limit(); at++) {
            if (bytes.get(at) != 0) {
                nonZero++;
                last = at;
            }
        }
        if (nonZero == 0) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(1 << 20, last + 1 - offset));
            for (long at = offset; at <= last; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), last + 1 - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(false);
        } catch (IOException e) {
            throw new StorageException("cannot cut the log at " + path + "@" + offset + ": " + e.getMessage(), e);
        }
        return nonZero;
    }

    private static ByteBuffer map(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return mapped.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new StorageException("cannot read log file " + path + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new StorageException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }
}
