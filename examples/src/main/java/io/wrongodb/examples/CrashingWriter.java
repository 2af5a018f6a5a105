package io.wrongodb.examples;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.block.CheckpointSlot;
import io.wrongodb.storage.wal.CommitMode;
import io.wrongodb.storage.wal.WalConfig;
import io.wrongodb.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The half of {@link CrashReplay} that dies. It runs in a child JVM: it loads keys and checkpoints them, then
 * writes more keys in runs of SYNC and ASYNC puts, printing {@code ack <mode> <key>} after each put has returned.
 * Then a thread asks the OS to SIGKILL it while it goes on writing. It never checkpoints again and never closes the
 * connection: a close would checkpoint, and there would be nothing left to recover.
 *
 * <p>Argument: the data directory (empty or missing).
 */
public final class CrashingWriter {
    static final String TABLE = "replay";
    /** Keys written before the checkpoint: they reach the block file, and recovery does not replay them. */
    static final int LOADED = 2_000;
    /** Keys in each run of SYNC or ASYNC puts after the checkpoint. */
    static final int RUN = 100;
    /**
     * While the SIGKILL is on its way, one put in this many is SYNC. Rare, so that the kill usually lands among
     * ASYNC puts rather than in a SYNC put's wait for its fsync (which would leave nothing in the buffer to lose).
     */
    static final int SYNC_EVERY = 1_000;

    /** Lines that {@link CrashReplay} reads, besides the narration. */
    static final String ACK = "ack ";

    static final String CHECKPOINT = "checkpoint covers the log up to ";

    private static final String KEY_PREFIX = "user";
    /** The default is 64 MiB. Small files let a few thousand writes fill several, so deletions show. */
    private static final long LOG_FILE_SIZE = 128 * 1024;
    /** A put is about 160 bytes of log; this bounds the log if the SIGKILL never comes. */
    private static final int MAX_PUTS_AFTER_KILL = 200_000;

    private CrashingWriter() {}

    /** The parent opens the directory with the same settings. */
    static StorageConfig config() {
        return StorageConfig.defaults()
                .withCacheSize(16L << 20)
                .withWal(new WalConfig(LOG_FILE_SIZE, WalConfig.defaults().commitInterval()));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // Never closed, on purpose (see the class comment).
        Connection connection = Connection.open(dir, config());
        connection.createTable(TABLE);
        Session session = connection.openSession();
        TableCursor cursor = session.openCursor(TABLE);
        WriteAheadLog log = connection.log();

        session.setCommitMode(CommitMode.ASYNC);
        for (int i = 0; i < LOADED; i++) {
            cursor.put(key(i), value(i));
        }
        CheckpointSlot slot = connection.checkpoint();
        say("loaded keys 0.." + (LOADED - 1) + " and checkpointed: their pages are in the block file now");
        say(CHECKPOINT + slot.logFile() + "/" + slot.logOffset());

        int next = LOADED;
        for (CommitMode mode :
                new CommitMode[] {CommitMode.SYNC, CommitMode.ASYNC, CommitMode.SYNC, CommitMode.ASYNC}) {
            session.setCommitMode(mode);
            say(RUN + " puts with " + mode
                    + (mode == CommitMode.SYNC
                            ? ": each returns after the fsync that covers its log record"
                            : ": each returns once its record is in the log buffer, in this JVM's memory"));
            long fsyncs = log.fsyncs();
            long started = System.nanoTime();
            for (int end = next + RUN; next < end; next++) {
                cursor.put(key(next), value(next));
                acknowledge(mode, next);
            }
            say(String.format(
                    "   that run took %.1f ms and %d fsyncs of the log",
                    (System.nanoTime() - started) / 1e6, log.fsyncs() - fsyncs));
        }

        long pid = ProcessHandle.current().pid();
        // Around the commit interval (100 ms), so that some runs end just after a background fsync, others long
        // after one.
        int delayMillis = ThreadLocalRandom.current().nextInt(30, 150);
        say("in " + delayMillis + " ms, a thread asks the OS to kill this JVM (pid " + pid + ") with SIGKILL");
        say(String.format("until then: ASYNC puts, one in %,d SYNC", SYNC_EVERY));
        Thread killer = new Thread(() -> sigkill(pid, delayMillis), "sigkill");
        killer.setDaemon(true);
        killer.start();
        for (int end = next + MAX_PUTS_AFTER_KILL; next < end; next++) {
            CommitMode mode = next % SYNC_EVERY == 0 ? CommitMode.SYNC : CommitMode.ASYNC;
            session.setCommitMode(mode);
            cursor.put(key(next), value(next));
            acknowledge(mode, next);
        }
        Thread.sleep(10_000);
        System.err.println("the SIGKILL never came; is kill(1) on the PATH?");
        System.exit(2);
    }

    private static void sigkill(long pid, int delayMillis) {
        try {
            Thread.sleep(delayMillis);
            // ProcessHandle refuses to destroy the current process, and Runtime.halt would let this JVM pick the
            // moment it stops. A crash comes from outside, wherever each thread happens to be: kill(1) does that.
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start();
        } catch (IOException | InterruptedException e) {
            System.err.println("could not run kill(1): " + e);
            System.exit(2);
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** Printed only once the put has returned: the parent counts only what the child could have promised. */
    private static void acknowledge(CommitMode mode, int i) {
        System.out.println(ACK + mode + " " + i);
    }

    static byte[] key(int i) {
        return String.format("%s%08d", KEY_PREFIX, i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        ByteBuffer value = ByteBuffer.allocate(100);
        value.putInt(i).putInt(~i);
        return value.array();
    }
}
