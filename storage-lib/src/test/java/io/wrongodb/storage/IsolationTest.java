package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrongodb.storage.txn.WriteConflictException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot isolation, tested with concurrent sessions: what one transaction may and may not see of another, which
 * conflicting writes lose, the anomaly SI allows (write skew), and that old versions go once nobody can read them.
 */
class IsolationTest {
    @TempDir
    Path dir;

    Connection conn;

    @BeforeEach
    void open() {
        conn = Connection.open(dir, StorageConfig.defaults().withCacheSize(64L << 20));
        conn.createTable("t");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] num(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    static long num(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }

    static byte[] get(Session s, String k) {
        TableCursor c = s.openCursor("t");
        byte[] v = c.search(key(k)) ? c.value() : null;
        c.reset();
        return v;
    }

    static Map<String, Long> scan(Session s) {
        TableCursor c = s.openCursor("t");
        Map<String, Long> all = new LinkedHashMap<>();
        while (c.next()) {
            all.put(new String(c.key(), StandardCharsets.UTF_8), num(c.value()));
        }
        return all;
    }

    @Test
    void uncommittedWritesAreSeenByTheirOwnTransactionOnly() {
        Session writer = conn.openSession();
        Session reader = conn.openSession();
        writer.openCursor("t").put(key("a"), num(1));

        writer.begin();
        TableCursor w = writer.openCursor("t");
        w.put(key("a"), num(2));
        w.insert(key("b"), num(3));
        assertThat(w.remove(key("a"))).isTrue();
        w.insert(key("a"), num(4));

        assertThat(num(get(writer, "a"))).as("read your own writes").isEqualTo(4);
        assertThat(scan(writer)).containsExactly(Map.entry("a", 4L), Map.entry("b", 3L));
        assertThat(num(get(reader, "a")))
                .as("no dirty read outside a transaction")
                .isEqualTo(1);
        assertThat(get(reader, "b")).isNull();
        reader.begin();
        assertThat(scan(reader)).as("no dirty read in a transaction").containsExactly(Map.entry("a", 1L));

        writer.commit();
        assertThat(scan(reader))
                .as("a snapshot taken before the commit still does not see it")
                .containsExactly(Map.entry("a", 1L));
        reader.commit();
        assertThat(scan(reader)).containsExactly(Map.entry("a", 4L), Map.entry("b", 3L));
    }

    @Test
    void readsInsideASnapshotRepeatWhileOthersCommit() {
        Session s = conn.openSession();
        TableCursor c = s.openCursor("t");
        for (int i = 0; i < 100; i++) {
            c.put(key("k" + i), num(i));
        }
        Session reader = conn.openSession();
        reader.begin();
        Map<String, Long> first = scan(reader);
        assertThat(first).hasSize(100);

        for (int i = 0; i < 100; i += 3) {
            c.put(key("k" + i), num(-i));
        }
        for (int i = 1; i < 100; i += 3) {
            c.remove(key("k" + i));
        }
        c.insert(key("new"), num(7));

        assertThat(scan(reader)).as("no non-repeatable read, no phantom").isEqualTo(first);
        assertThat(num(get(reader, "k3"))).isEqualTo(3);
        assertThat(num(get(reader, "k4"))).isEqualTo(4);
        assertThat(get(reader, "new")).isNull();
        reader.rollback();
        assertThat(get(reader, "new")).isNotNull();
        assertThat(get(reader, "k4")).isNull();
    }

    @Test
    void theSecondWriterOfAKeyGetsAWriteConflictAndTheFirstUpdateIsNotLost() {
        Session s = conn.openSession();
        s.openCursor("t").put(key("counter"), num(10));
        Session one = conn.openSession();
        Session two = conn.openSession();
        one.begin();
        two.begin();
        long seenByOne = num(get(one, "counter"));
        long seenByTwo = num(get(two, "counter"));
        one.openCursor("t").put(key("counter"), num(seenByOne + 1));
        assertThatThrownBy(() -> two.openCursor("t").put(key("counter"), num(seenByTwo + 5)))
                .as("an uncommitted version of the key")
                .isInstanceOf(WriteConflictException.class);
        two.rollback();
        one.commit();

        Session three = conn.openSession();
        three.begin();
        s.openCursor("t").put(key("counter"), num(100));
        assertThatThrownBy(() -> three.openCursor("t").update(key("counter"), num(0)))
                .as("a version committed after the snapshot")
                .isInstanceOf(WriteConflictException.class);
        three.rollback();
        assertThat(num(get(s, "counter"))).isEqualTo(100);
    }

    @Test
    void concurrentIncrementsInTransactionsLoseNothing() throws Exception {
        conn.openSession().openCursor("t").put(key("counter"), num(0));
        int threads = 4;
        int increments = 300;
        List<Thread> workers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong attempts = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Session s = conn.openSession()) {
                    for (int i = 0; i < increments; i++) {
                        s.withTransaction(session -> {
                            attempts.incrementAndGet();
                            long now = num(get(session, "counter"));
                            session.openCursor("t").put(key("counter"), num(now + 1));
                            return null;
                        });
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(120));
        }
        assertThat(failures).isEmpty();
        assertThat(num(get(conn.openSession(), "counter"))).isEqualTo((long) threads * increments);
        System.out.printf(
                "IsolationTest: %d increments took %d attempts (conflicts retried)%n",
                threads * increments, attempts.get());
    }

    @Test
    void writesOutsideATransactionWaitForAConflictingTransactionToEnd() throws Exception {
        Session s = conn.openSession();
        s.openCursor("t").put(key("a"), num(1));
        Session holder = conn.openSession();
        holder.begin();
        holder.openCursor("t").put(key("a"), num(2));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean written = new AtomicBoolean();
        Thread single = new Thread(() -> {
            started.countDown();
            conn.openSession().openCursor("t").put(key("a"), num(3));
            written.set(true);
        });
        single.start();
        started.await();
        Thread.sleep(200);
        assertThat(written)
                .as("the single write waits while the key has an uncommitted version")
                .isFalse();
        holder.rollback();
        single.join(10_000);
        assertThat(written).isTrue();
        assertThat(num(get(s, "a"))).isEqualTo(3);
    }

    /**
     * Write skew: two transactions each read both doctors on call, each sees the other still on call, and each
     * takes itself off. They write different keys, so both commit and nobody is left on call. Snapshot isolation
     * allows this (it is not serializable); MongoDB and WiredTiger behave the same.
     */
    @Test
    void writeSkewIsAllowedUnderSnapshotIsolation() {
        TableCursor c = conn.openSession().openCursor("t");
        c.put(key("alice"), num(1));
        c.put(key("bob"), num(1));
        Session one = conn.openSession();
        Session two = conn.openSession();
        one.begin();
        two.begin();
        assertThat(num(get(one, "alice")) + num(get(one, "bob"))).isEqualTo(2);
        assertThat(num(get(two, "alice")) + num(get(two, "bob"))).isEqualTo(2);
        one.openCursor("t").update(key("alice"), num(0));
        two.openCursor("t").update(key("bob"), num(0));
        one.commit();
        two.commit();
        Session after = conn.openSession();
        assertThat(num(get(after, "alice")) + num(get(after, "bob"))).isZero();
    }

    @Test
    void rollbackLeavesNoTrace() {
        Session s = conn.openSession();
        TableCursor c = s.openCursor("t");
        c.put(key("kept"), num(1));
        s.begin();
        for (int i = 0; i < 2000; i++) {
            c.put(key("tmp" + i), num(i));
        }
        c.put(key("kept"), num(2));
        c.remove(key("kept"));
        s.rollback();
        assertThat(scan(s)).containsExactly(Map.entry("kept", 1L));
        assertThat(conn.table("t").versionsInMemory()).isZero();
        conn.close();
        conn = Connection.open(dir, StorageConfig.defaults());
        assertThat(scan(conn.openSession())).containsExactly(Map.entry("kept", 1L));
    }

    @Test
    void aCheckpointDuringATransactionWritesOnlyCommittedData() {
        Session s = conn.openSession();
        s.openCursor("t").put(key("a"), num(1));
        Session open = conn.openSession();
        open.begin();
        open.openCursor("t").put(key("a"), num(2));
        open.openCursor("t").put(key("b"), num(2));
        conn.checkpoint();
        s.openCursor("t").put(key("c"), num(3));
        conn.close(); // the transaction never committed
        conn = Connection.open(dir, StorageConfig.defaults());
        assertThat(scan(conn.openSession())).containsExactly(Map.entry("a", 1L), Map.entry("c", 3L));
    }

    @Test
    void aLongReaderSeesAStableSnapshotWhileWritersChurnAndItsVersionsAreReclaimedAfterIt() throws Exception {
        int keys = 500;
        TableCursor loader = conn.openSession().openCursor("t");
        for (int i = 0; i < keys; i++) {
            loader.put(key(String.format("k%04d", i)), num(0));
        }
        Session reader = conn.openSession();
        reader.begin();
        Map<String, Long> before = scan(reader);
        long base = conn.table("t").versionsInMemory();
        long cacheBefore = conn.cache().bytesInUse();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rounds = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                try (Session s = conn.openSession()) {
                    TableCursor c = s.openCursor("t");
                    for (long r = 1; !stop.get() && r <= 20; r++) {
                        for (int i = thread; i < keys; i += 2) {
                            c.put(key(String.format("k%04d", i)), num(r));
                        }
                        rounds.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            writers.add(w);
            w.start();
        }
        int scans = 0;
        while (writers.stream().anyMatch(Thread::isAlive)) {
            assertThat(scan(reader)).isEqualTo(before);
            scans++;
        }
        for (Thread w : writers) {
            w.join();
        }
        assertThat(failures).isEmpty();
        assertThat(scan(reader))
                .as("after the writers are done, still the old snapshot")
                .isEqualTo(before);
        long held = conn.table("t").versionsInMemory();
        assertThat(held).as("old versions kept for the reader").isGreaterThan(base + 10L * keys);
        long cacheHeld = conn.cache().bytesInUse();
        reader.commit();

        // Nothing needs the old versions now; the next write to each key folds them away.
        TableCursor c = conn.openSession().openCursor("t");
        for (int i = 0; i < keys; i++) {
            c.put(key(String.format("k%04d", i)), num(99));
        }
        long after = conn.table("t").versionsInMemory();
        assertThat(after).as("at most the newest version of each key").isLessThanOrEqualTo(keys);
        assertThat(conn.cache().bytesInUse()).isLessThan(cacheHeld);
        assertThat(scan(reader).values()).containsOnly(99L);
        System.out.printf(
                "IsolationTest: %d scans of a stable snapshot during %d write rounds; versions held %d -> %d after"
                        + " the reader; cache %d -> %d -> %d bytes%n",
                scans,
                rounds.get(),
                held,
                after,
                cacheBefore,
                cacheHeld,
                conn.cache().bytesInUse());
    }

    @Test
    void aReaderDoesNotBlockAWriter() throws Exception {
        TableCursor c = conn.openSession().openCursor("t");
        c.put(key("a"), num(1));
        Session reader = conn.openSession();
        reader.begin();
        TableCursor positioned = reader.openCursor("t");
        assertThat(positioned.search(key("a"))).isTrue();
        Thread writer = new Thread(() -> conn.openSession().openCursor("t").put(key("a"), num(2)));
        writer.start();
        writer.join(5_000);
        assertThat(writer.isAlive()).isFalse();
        assertThat(num(positioned.value())).isEqualTo(1);
        reader.commit();
        assertThat(num(get(reader, "a"))).isEqualTo(2);
    }
}
