package io.wrongodb.storage;

import io.wrongodb.storage.wal.CommitMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link WalCrashLoopTest}: several threads each commit their own sequence of
 * {@link CommitMode#SYNC} transactions while another thread checkpoints, and print {@code ACK <thread> <seq>} once
 * a commit has returned. The test kills the JVM at a random moment.
 *
 * <p>Each transaction writes three tables at once: the thread's next key in {@value #TABLE} (values from 0 bytes to
 * 1 MiB), the thread's head in {@value #HEADS} (the sequence number just written), and a transfer between two of
 * the {@value #ACCOUNTS} shared accounts (whose sum never changes). Threads collide on the accounts, so commits
 * conflict and are retried. After a crash the three must agree: a transaction is there whole or not at all.
 *
 * <p>Arguments: data directory, number of writer threads. A restarted worker carries on after the last sequence
 * number each thread finds in the table.
 */
public final class WalCrashWorker {
    static final String TABLE = "acks";
    static final String HEADS = "heads";
    static final String ACCOUNTS = "accounts";
    static final int ACCOUNT_COUNT = 8;
    static final long ACCOUNT_START = 1_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Connection connection = Connection.open(dir, config());
        for (String table : new String[] {TABLE, HEADS, ACCOUNTS}) {
            if (!connection.hasTable(table)) {
                connection.createTable(table);
            }
        }
        try (Session session = connection.openSession()) {
            // All accounts in one transaction: a crash before its commit leaves none, and the next start tries again.
            session.withTransaction(s -> {
                TableCursor accounts = s.openCursor(ACCOUNTS);
                if (!accounts.next()) {
                    for (int a = 0; a < ACCOUNT_COUNT; a++) {
                        accounts.insert(account(a), amount(ACCOUNT_START));
                    }
                }
                return null;
            });
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
        Session session = connection.openSession();
        TableCursor acks = session.openCursor(TABLE);
        TableCursor heads = session.openCursor(HEADS);
        TableCursor accounts = session.openCursor(ACCOUNTS);
        for (long seq = first; ; seq++) {
            long committed = seq;
            SplittableRandom random = new SplittableRandom(thread * 7_919L + seq);
            int from = random.nextInt(ACCOUNT_COUNT);
            int to = random.nextInt(ACCOUNT_COUNT);
            long moved = random.nextInt(50);
            session.withTransaction(s -> {
                acks.insert(key(thread, committed), value(thread, committed));
                heads.put(head(thread), amount(committed));
                long fromBalance = balance(accounts, from);
                accounts.update(account(from), amount(fromBalance - moved));
                long toBalance = balance(accounts, to);
                accounts.update(account(to), amount(toBalance + moved));
                return null;
            });
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

    private static long balance(TableCursor accounts, int a) {
        if (!accounts.search(account(a))) {
            throw new IllegalStateException("account " + a + " is missing");
        }
        long balance = ByteBuffer.wrap(accounts.value()).getLong();
        accounts.reset();
        return balance;
    }

    static byte[] account(int a) {
        return ByteBuffer.allocate(4).putInt(a).array();
    }

    static byte[] head(int thread) {
        return ByteBuffer.allocate(4).putInt(thread).array();
    }

    static byte[] amount(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
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
