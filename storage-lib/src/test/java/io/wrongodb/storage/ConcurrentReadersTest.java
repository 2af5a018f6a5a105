package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrongodb.storage.btree.TreeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four reader threads search and scan while one writer inserts, updates and removes (and checkpoints now and then)
 * for about three seconds, in a cache small enough that eviction runs all the time from every thread.
 *
 * <p>Every value encodes its key and a version and is filled from both, and the writer records each (key, version)
 * before writing it, so a reader can check that every value it sees is exactly one the writer wrote for that key:
 * never garbage, a torn value or another key's value. Per reader and key, versions never go backwards (each
 * operation is atomic under the tree latch, and the writer writes a key's versions in increasing order). Scans must
 * be strictly increasing (decreasing for prev) and searchNear must land on the right side of its key.
 */
class ConcurrentReadersTest {
    static final int KEYS = 6000;
    static final int READERS = 4;
    static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** 2 KiB leaves, 1 KiB internal pages, overflow values past 256 bytes. */
    static final TreeConfig PAGES = new TreeConfig(2048, 1024, 256, 64, 1 << 20);

    @TempDir
    Path dir;

    final Set<Long> written = ConcurrentHashMap.newKeySet();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    static byte[] key(int k) {
        return ByteBuffer.allocate(4).putInt(k).array();
    }

    static int keyOf(byte[] key) {
        if (key.length != 4) {
            throw new AssertionError("a key of " + key.length + " bytes");
        }
        return ByteBuffer.wrap(key).getInt();
    }

    /** Key, version, then a fill determined by both; now and then longer than the overflow threshold. */
    static byte[] value(int k, int version) {
        Random fill = new Random(k * 1_000_003L + version);
        int length = 8 + (fill.nextInt(8) == 0 ? 257 + fill.nextInt(800) : fill.nextInt(60));
        byte[] v = new byte[length];
        ByteBuffer.wrap(v).putInt(k).putInt(version);
        for (int i = 8; i < length; i++) {
            v[i] = (byte) fill.nextInt();
        }
        return v;
    }

    static long tag(int k, int version) {
        return ((long) k << 32) | (version & 0xFFFFFFFFL);
    }

    /** Checks a value a reader saw for key {@code k}; returns its version (-1 for null: removed meanwhile). */
    int check(int k, byte[] v, Map<Integer, Integer> lastSeen) {
        if (v == null) {
            return -1;
        }
        if (v.length < 8) {
            throw new AssertionError("key " + k + ": a value of " + v.length + " bytes");
        }
        int owner = ByteBuffer.wrap(v).getInt();
        int version = ByteBuffer.wrap(v).getInt(4);
        if (owner != k) {
            throw new AssertionError("key " + k + " holds a value of key " + owner + " (version " + version + ")");
        }
        if (!written.contains(tag(k, version))) {
            throw new AssertionError("key " + k + " holds version " + version + ", which the writer never wrote");
        }
        if (!Arrays.equals(v, value(k, version))) {
            throw new AssertionError("key " + k + " version " + version + ": " + v.length + " bytes, differing from"
                    + " what was written at " + Arrays.mismatch(v, value(k, version)));
        }
        Integer last = lastSeen.put(k, version);
        if (last != null && version < last) {
            throw new AssertionError("key " + k + ": version " + version + " read after version " + last);
        }
        return version;
    }

    @Test
    void readersSeeOnlyValuesTheWriterWroteWhileItWritesAndEvictionRuns() throws Exception {
        StorageConfig config =
                StorageConfig.defaults().withCacheSize(256 * 1024).withTree(PAGES);
        TreeMap<Integer, byte[]> model = new TreeMap<>();
        try (Connection conn = Connection.open(dir, config)) {
            conn.createTable("t");
            TableCursor loader = conn.openSession().openCursor("t");
            for (int k = 0; k < KEYS; k += 2) {
                written.add(tag(k, 0));
                loader.insert(key(k), value(k, 0));
                model.put(k, value(k, 0));
            }
            loader.close();
            long evictedBefore = conn.cache().evictedPages();

            CountDownLatch start = new CountDownLatch(1);
            long deadline = System.nanoTime() + RUN_NANOS;
            AtomicLong[] readerOps = new AtomicLong[READERS];
            AtomicLong writerOps = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                AtomicLong ops = readerOps[r] = new AtomicLong();
                long seed = 100 + r;
                threads.add(new Thread(() -> guard(() -> read(conn, start, deadline, seed, ops)), "reader-" + r));
            }
            threads.add(new Thread(() -> guard(() -> write(conn, start, deadline, model, writerOps)), "writer"));
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            for (Thread thread : threads) {
                assertThat(thread.isAlive())
                        .as("%s still running: hung", thread.getName())
                        .isFalse();
            }
            assertThat(failures).as(describeFailures()).isEmpty();

            for (int r = 0; r < READERS; r++) {
                assertThat(readerOps[r].get()).as("operations of reader %d", r).isGreaterThan(20);
            }
            assertThat(writerOps.get()).as("writer operations").isGreaterThan(1000);
            assertThat(conn.cache().evictedPages() - evictedBefore)
                    .as("pages evicted while the threads ran")
                    .isGreaterThan(100);

            // quiet now: the table is exactly the writer's model, and the cache accounting adds up
            TableCursor scan = conn.openSession().openCursor("t");
            List<Integer> keys = new ArrayList<>();
            while (scan.next()) {
                int k = keyOf(scan.key());
                assertThat(scan.value()).as("value of %d", k).isEqualTo(model.get(k));
                keys.add(k);
            }
            assertThat(keys).isEqualTo(new ArrayList<>(model.keySet()));
            long pages = metadataTree(conn).memoryInUse() + conn.table("t").memoryInUse();
            assertThat(conn.cache().bytesInUse()).isEqualTo(pages);
        }
        // and the last checkpoint (close) holds it too
        try (Connection conn = Connection.open(dir, config)) {
            TableCursor scan = conn.openSession().openCursor("t");
            int count = 0;
            while (scan.next()) {
                assertThat(scan.value()).isEqualTo(model.get(keyOf(scan.key())));
                count++;
            }
            assertThat(count).isEqualTo(model.size());
        }
    }

    void read(Connection conn, CountDownLatch start, long deadline, long seed, AtomicLong ops) throws Exception {
        Random random = new Random(seed);
        Session session = conn.openSession();
        TableCursor c = session.openCursor("t");
        Map<Integer, Integer> lastSeen = new TreeMap<>();
        start.await();
        while (System.nanoTime() < deadline) {
            int k = random.nextInt(KEYS);
            switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6 -> {
                    if (c.search(key(k))) {
                        if (keyOf(c.key()) != k) {
                            throw new AssertionError("search(" + k + ") stands on " + keyOf(c.key()));
                        }
                        check(k, c.value(), lastSeen);
                    } else if (c.isPositioned()) {
                        throw new AssertionError("a failed search left the cursor positioned");
                    }
                }
                case 7, 8, 9, 10 -> {
                    TableCursor.Near near = c.searchNear(key(k));
                    if (near == TableCursor.Near.NONE) {
                        throw new AssertionError("searchNear(" + k + ") found an empty table");
                    }
                    int at = keyOf(c.key());
                    boolean right =
                            switch (near) {
                                case EXACT -> at == k;
                                case AFTER -> at > k;
                                case BEFORE -> at < k;
                                case NONE -> false;
                            };
                    if (!right) {
                        throw new AssertionError("searchNear(" + k + ") = " + near + " at " + at);
                    }
                    check(at, c.value(), lastSeen);
                }
                case 11, 12, 13, 14, 15, 16, 17, 18 -> {
                    boolean forward = random.nextBoolean();
                    boolean found = forward ? c.seek(key(k)) : c.searchNear(key(k)) != TableCursor.Near.NONE;
                    int previous = found ? keyOf(c.key()) : -1;
                    if (found && forward && previous < k) {
                        throw new AssertionError("seek(" + k + ") landed before it, on " + previous);
                    }
                    for (int i = 0; found && i < 100; i++) {
                        check(previous, c.value(), lastSeen);
                        found = forward ? c.next() : c.prev();
                        if (found) {
                            int at = keyOf(c.key());
                            if (forward ? at <= previous : at >= previous) {
                                throw new AssertionError(
                                        (forward ? "next" : "prev") + " went from " + previous + " to " + at);
                            }
                            previous = at;
                        }
                    }
                }
                default -> {
                    // a whole scan, either way, from an unpositioned cursor
                    c.reset();
                    boolean forward = random.nextBoolean();
                    int previous = forward ? -1 : Integer.MAX_VALUE;
                    int seen = 0;
                    while (forward ? c.next() : c.prev()) {
                        int at = keyOf(c.key());
                        if (forward ? at <= previous : at >= previous) {
                            throw new AssertionError("full scan went from " + previous + " to " + at);
                        }
                        check(at, c.value(), lastSeen);
                        previous = at;
                        seen++;
                    }
                    if (seen < KEYS / 8) {
                        throw new AssertionError("a full scan saw only " + seen + " keys");
                    }
                }
            }
            c.reset();
            ops.incrementAndGet();
        }
        session.close();
    }

    void write(Connection conn, CountDownLatch start, long deadline, TreeMap<Integer, byte[]> model, AtomicLong ops)
            throws Exception {
        Random random = new Random(7);
        Session session = conn.openSession();
        TableCursor w = session.openCursor("t");
        int version = 1;
        start.await();
        while (System.nanoTime() < deadline) {
            int k = random.nextInt(KEYS);
            int choice = random.nextInt(100);
            if (choice < 35) {
                byte[] v = value(k, version);
                written.add(tag(k, version++));
                w.put(key(k), v);
                model.put(k, v);
            } else if (choice < 50) {
                byte[] v = value(k, version);
                written.add(tag(k, version++));
                boolean expected = !model.containsKey(k);
                if (w.insert(key(k), v) != expected) {
                    throw new AssertionError("insert(" + k + ") returned " + !expected);
                }
                if (expected) {
                    model.put(k, v);
                }
            } else if (choice < 65) {
                byte[] v = value(k, version);
                written.add(tag(k, version++));
                boolean expected = model.containsKey(k);
                if (w.update(key(k), v) != expected) {
                    throw new AssertionError("update(" + k + ") returned " + !expected);
                }
                if (expected) {
                    model.put(k, v);
                }
            } else if (choice < 96) {
                boolean expected = model.remove(k) != null;
                if (w.remove(key(k)) != expected) {
                    throw new AssertionError("remove(" + k + ") returned " + !expected);
                }
            } else if (choice < 98) {
                // a run of removes empties leaves (they leave the tree, parents may collapse), then it is refilled
                int from = random.nextInt(KEYS - 200);
                for (int j = from; j < from + 200; j++) {
                    boolean expected = model.remove(j) != null;
                    if (w.remove(key(j)) != expected) {
                        throw new AssertionError("remove(" + j + ") returned " + !expected);
                    }
                }
                for (int j = from; j < from + 200; j += 1 + random.nextInt(3)) {
                    byte[] v = value(j, version);
                    written.add(tag(j, version++));
                    w.put(key(j), v);
                    model.put(j, v);
                }
            } else if (random.nextInt(10) == 0) {
                conn.checkpoint();
            }
            ops.incrementAndGet();
        }
        session.close();
    }

    interface Body {
        void run() throws Exception;
    }

    void guard(Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    String describeFailures() {
        StringWriter out = new StringWriter();
        PrintWriter print = new PrintWriter(out);
        print.println(failures.size() + " thread(s) failed:");
        for (Throwable t : failures) {
            t.printStackTrace(print);
        }
        return out.toString();
    }

    static io.wrongodb.storage.btree.BTree metadataTree(Connection conn) {
        return conn.metadataTree();
    }
}
