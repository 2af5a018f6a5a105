package io.wrongodb.storage.wal;

import io.wrongodb.storage.support.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Naming, creating and listing log files. File n is {@code wrongodb-log.0000000n}; the next file is prepared ahead
 * as {@code wrongodb-log.prep}, zero-filled to its full size, and switched in by rename, so a switch never waits
 * for the file system to allocate space.
 *
 * <pre>
 * File header record payload (the first record of every log file; little-endian; part of the log format)
 *      0    8 magic "WGLOG001"
 *      8    4 file number
 *     12    8 pre-allocated file size
 * </pre>
 */
final class LogFiles {
    static final String PREFIX = "wrongodb-log.";
    static final String PREPARED = "wrongodb-log.prep";
    /** Only numbered files are logs; the prepared file and its temporary are not. */
    private static final java.util.regex.Pattern LOG_FILE_NAME =
            java.util.regex.Pattern.compile("wrongodb-log\\.\\d{10}");
    /** Part of the log format. */
    static final long MAGIC = 0x3130_3047_4f4c_4757L; // "WGLOG001" read little-endian

    static final int HEADER_PAYLOAD = 20;
    /** Where the first record after the header starts. */
    static final long FIRST_RECORD = LogRecord.alignedSize(HEADER_PAYLOAD);

    private LogFiles() {}

    static Path path(Path dir, int number) {
        return dir.resolve(String.format("%s%010d", PREFIX, number));
    }

    /** The numbers of the log files in {@code dir}, ascending. */
    static List<Integer> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> LOG_FILE_NAME.matcher(name).matches())
                    .map(name -> Integer.parseInt(name.substring(PREFIX.length())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("cannot list log files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Zero-fills the prepared file to {@code size} bytes, ready to be renamed in. */
    static synchronized void prepare(Path dir, long size) throws IOException {
        Path tmp = dir.resolve(PREPARED + ".tmp");
        try (FileChannel channel = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }
        Files.move(tmp, dir.resolve(PREPARED), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates log file {@code number}: the prepared file renamed in if there is one, else a new file. */
    static synchronized FileChannel create(Path dir, int number, long size) throws IOException {
        Path target = path(dir, number);
        Path prepared = dir.resolve(PREPARED);
        if (Files.exists(prepared) && Files.size(prepared) >= size) {
            Files.move(prepared, target, StandardCopyOption.ATOMIC_MOVE);
        } else if (!Files.exists(target)) {
            prepare(dir, size);
            Files.move(prepared, target, StandardCopyOption.ATOMIC_MOVE);
        }
        FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate((int) FIRST_RECORD).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer payload = ByteBuffer.allocate(HEADER_PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        payload.putLong(MAGIC).putInt(number).putLong(size).flip();
        LogRecord.write(header, 0, 0, LogRecord.FILE_HEADER, payload);
        header.flip();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force(true);
        syncDirectory(dir);
        return channel;
    }

    /** Makes a rename or delete in {@code dir} durable. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Not every file system lets a directory be opened for sync; the rename is then as durable as it gets.
        }
    }
}
