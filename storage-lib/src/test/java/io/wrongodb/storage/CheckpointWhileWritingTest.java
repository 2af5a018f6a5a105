package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint holds a table's latch only while it writes that table: a writer to a table already written goes on
 * while the rest of the checkpoint runs, and what it writes is not part of that checkpoint. The blocks it frees
 * meanwhile stay in use until the next checkpoint, so the one being written stays whole.
 */
class CheckpointWhileWritingTest {
    @TempDir
    Path dir;

    static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    static byte[] value(int i, int round, int size) {
        byte[] v = new byte[size];
        ByteBuffer.wrap(v).putInt(0, i).putInt(4, round);
        return v;
    }

    /** Without the log: only checkpoints are durable, so a closed file shows exactly what the last one holds. */
    static StorageConfig config() {
        return StorageConfig.defaults().withLog(false).withCacheSize(4L << 20);
    }

    @Test
    void aTableAlreadyWrittenTakesWritesWhileTheCheckpointGoesOn() throws Exception {
        // A cache that holds it all: this is about latches, not about eviction, which waits for the checkpoint.
        Connection conn = Connection.open(dir, config().withCacheSize(256L << 20));
        conn.createTable("a");
        conn.createTable("b");
        Session loader = conn.openSession();
        for (int i = 0; i < 2_000; i++) {
            // Values of 10 KiB and 100 B: overflow blocks and leaves, all dirty for the checkpoint.
            loader.openCursor("a").put(key(i), value(i, 0, i % 10 == 0 ? 10_000 : 100));
            loader.openCursor("b").put(key(i), value(i, 0, 100));
        }
        AtomicBoolean writtenDuringCheckpoint = new AtomicBoolean();
        conn.afterTableWritten(table -> {
            if (!table.equals("a")) {
                return;
            }
            // "b" is still to be written. A writer to "a" must not wait for it.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                TableCursor a = conn.openSession().openCursor("a");
                for (int i = 0; i < 2_000; i += 2) {
                    a.put(key(i), value(i, 1, i % 10 == 0 ? 12_000 : 100));
                }
                for (int i = 1; i < 2_000; i += 4) {
                    a.remove(key(i));
                }
            });
            try {
                writer.get(30, TimeUnit.SECONDS);
                writtenDuringCheckpoint.set(true);
            } catch (Exception e) {
                throw new AssertionError("a write to a table the checkpoint has written waited for it", e);
            }
        });
        conn.checkpoint();
        conn.afterTableWritten(table -> {});
        assertThat(writtenDuringCheckpoint).isTrue();
        TableCursor a = conn.openSession().openCursor("a");
        assertThat(a.search(key(2))).isTrue();
        assertThat(ByteBuffer.wrap(a.value()).getInt(4))
                .as("the live table has the new round")
                .isEqualTo(1);

        // Stop dead, as a crash would: what is durable is that checkpoint, without the writes made during it.
        conn.file().close();
        try (Connection reopened = Connection.open(dir, config())) {
            TableCursor c = reopened.openSession().openCursor("a");
            int count = 0;
            while (c.next()) {
                int i = ByteBuffer.wrap(c.key()).getInt();
                assertThat(i).isEqualTo(count);
                assertThat(c.value()).isEqualTo(value(i, 0, i % 10 == 0 ? 10_000 : 100));
                count++;
            }
            assertThat(count).isEqualTo(2_000);
        }
        assertThat(CorruptionTest.FileMap.read(dir.resolve(Connection.FILE_NAME))
                        .unaccountedSpace())
                .as("space neither live nor free")
                .isEmpty();
    }

    @Test
    void writersAndCheckpointsTogetherKeepEveryBlockAccountedFor() throws Exception {
        try (Connection conn = Connection.open(dir, config().withCacheSize(1L << 20))) {
            conn.createTable("t");
            List<Thread> writers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 2; t++) {
                int thread = t;
                Thread w = new Thread(() -> {
                    try (Session s = conn.openSession()) {
                        TableCursor c = s.openCursor("t");
                        for (int round = 1; round <= 40; round++) {
                            for (int i = thread; i < 3_000; i += 2) {
                                c.put(key(i), value(i, round, i % 50 == 0 ? 20_000 : 200));
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                writers.add(w);
                w.start();
            }
            int checkpoints = 0;
            while (writers.stream().anyMatch(Thread::isAlive)) {
                conn.checkpoint();
                checkpoints++;
                Thread.sleep(10);
            }
            for (Thread w : writers) {
                w.join();
            }
            assertThat(failures).isEmpty();
            assertThat(checkpoints).isGreaterThan(1);
            conn.checkpoint();
            conn.checkpoint();
        }
        assertThat(CorruptionTest.FileMap.read(dir.resolve(Connection.FILE_NAME))
                        .unaccountedSpace())
                .as("space neither live nor free")
                .isEmpty();
        try (Connection conn = Connection.open(dir, config())) {
            TableCursor c = conn.openSession().openCursor("t");
            int count = 0;
            while (c.next()) {
                assertThat(ByteBuffer.wrap(c.value()).getInt(4)).isEqualTo(40);
                count++;
            }
            assertThat(count).isEqualTo(3_000);
        }
    }
}
