package io.wrongodb.storage;

import io.wrongodb.storage.wal.CommitMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link WalCrashLoopTest}: several threads each write their own sequence of keys with
 * {@link CommitMode#SYNC} puts (values from 0 bytes to 1 MiB) while another thread checkpoints, and print
 * {@code ACK <thread> <seq>} once a put has returned. The test kills the JVM at a random moment.
 *
 * <p>Arguments: data directory, number of writer threads. A restarted worker carries on after the last sequence
 * number each thread finds in the table.
 */
public final class WalCrashWorker {
    static final String TABLE = "acks";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Connection connection = Connection.open(dir, config());
        if (!connection.hasTable(TABLE)) {
            connection.createTable(TABLE);
        }
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long first = nextSequence(connection, thread);
            Thread worker = new Thread(() -> write(connection, thread, first), "writer-" + t);
            worker.start();
            workers.add(worker);
        }
        Thread checkpointer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
                connection.checkpoint();
            }
        });
        checkpointer.setDaemon(true);
        checkpointer.start();
        System.out.println("STARTED");
        System.out.flush();
        for (Thread worker : workers) {
            worker.join();
        }
    }

    static StorageConfig config() {
        return StorageConfig.defaults().withCacheSize(16L << 20).withCommitMode(CommitMode.SYNC);
    }

    private static void write(Connection connection, int thread, long first) {
        TableCursor cursor = connection.openSession().openCursor(TABLE);
        for (long seq = first; ; seq++) {
            cursor.put(key(thread, seq), value(thread, seq));
            synchronized (System.out) {
                System.out.println("ACK " + thread + " " + seq);
                System.out.flush();
            }
        }
    }

    /** One past the highest sequence number thread {@code thread} has in the table. */
    static long nextSequence(Connection connection, int thread) {
        TableCursor cursor = connection.openSession().openCursor(TABLE);
        long next = 0;
        if (cursor.seek(key(thread, 0))) {
            do {
                ByteBuffer key = ByteBuffer.wrap(cursor.key());
                if (key.getInt() != thread) {
                    break;
                }
                next = key.getLong() + 1;
            } while (cursor.next());
        }
        cursor.reset();
        return next;
    }

    static byte[] key(int thread, long seq) {
        return ByteBuffer.allocate(12).putInt(thread).putLong(seq).array();
    }

    /** Mostly small values, some of tens of KiB (overflow blocks), a few up to 1 MiB. */
    static byte[] value(int thread, long seq) {
        SplittableRandom random = new SplittableRandom(thread * 1_000_003L + seq);
        int roll = random.nextInt(100);
        int size =
                roll < 80 ? random.nextInt(200) : roll < 97 ? 8_000 + random.nextInt(60_000) : random.nextInt(1 << 20);
        byte[] value = new byte[size];
        random.nextBytes(value);
        return value;
    }
}
