package io.wrongodb.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's own fsync rate, the yardstick for {@link SyncCommit}: one thread writes 128 bytes and calls
 * {@code FileChannel.force(false)} (fdatasync), again and again, in a file in the same directory the engines use.
 * A commit that waits for its own fsync cannot beat this rate; more commits per second than this means commits
 * shared fsyncs.
 *
 * <p>Two modes. {@code preallocated}, the yardstick: the file is written full of zeros and synced first, and the
 * writes walk through it as a log's appends do, so each fsync flushes data only, no change of file size: the
 * cheapest fsync the device offers, and what WrongoDB's preallocated log files get. {@code append}: each write
 * extends the file, so each fsync must also make the new file size durable (on ext4, a journal commit), as a log
 * that grows its file pays; RocksDB's WAL, whose preallocation keeps the file size, is in that case. Two warmup
 * iterations, because on a virtual disk the 64 MiB of zeros can still be draining on the host after their fsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@Fork(1)
public class FsyncRate {
    static final String PREALLOCATED = "preallocated";
    static final int WRITE_SIZE = 128;
    static final long FILE_SIZE = 64L << 20;

    @Param({PREALLOCATED, "append"})
    public String mode;

    private Path directory;
    private FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocateDirect(WRITE_SIZE);
    private long offset;

    @Setup(Level.Trial)
    public void preallocate() throws IOException {
        directory = Workload.baseDirectory().resolve("fsync-rate");
        Workload.deleteRecursively(directory);
        Files.createDirectories(directory);
        channel = FileChannel.open(
                directory.resolve("fsync.dat"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (mode.equals(PREALLOCATED)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < FILE_SIZE; at += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
        }
        channel.force(true);
        while (record.hasRemaining()) {
            record.put((byte) 0x5A);
        }
    }

    @Benchmark
    public void writeAndSync() throws IOException {
        record.clear();
        while (record.hasRemaining()) {
            channel.write(record, offset + record.position());
        }
        channel.force(false);
        offset += WRITE_SIZE;
        if (offset == FILE_SIZE && mode.equals(PREALLOCATED)) {
            offset = 0;
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        channel.close();
        Workload.deleteRecursively(directory);
    }
}
