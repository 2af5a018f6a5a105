package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.wrongodb.storage.btree.TreeConfig;
import io.wrongodb.storage.cache.CacheFullException;
import io.wrongodb.storage.support.StorageException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page cache under pressure: it stays near its capacity while far more data goes through it, evicted dirty
 * pages come back intact, its byte count matches the pages the trees hold, and pinned pages fill it with a
 * {@link CacheFullException} rather than a hang.
 *
 * <p>Keys are 4-byte big-endian ints; each value starts with its key and a version and is filled from them, so a
 * wrong, stale or torn value shows.
 */
class CacheTest {
    static final TreeConfig SMALL_PAGES = new TreeConfig(1024, 512, 256, 64, 1 << 20);

    @TempDir
    Path dir;

    static byte[] key(int k) {
        return ByteBuffer.allocate(4).putInt(k).array();
    }

    static byte[] value(int k, int version, int length) {
        byte[] v = new byte[Math.max(8, length)];
        ByteBuffer.wrap(v).putInt(k).putInt(version);
        Random fill = new Random(k * 31L + version);
        for (int i = 8; i < v.length; i++) {
            v[i] = (byte) fill.nextInt();
        }
        return v;
    }

    static void assertValue(byte[] actual, int k, int version, int length) {
        if (!Arrays.equals(actual, value(k, version, length))) {
            fail(
                    "value of key %d: expected version %d of %d bytes, got %s",
                    k,
                    version,
                    length,
                    actual == null
                            ? "null"
                            : actual.length + " bytes of key "
                                    + ByteBuffer.wrap(actual).getInt() + " version "
                                    + ByteBuffer.wrap(actual).getInt(4));
        }
    }

    /** bytesInUse() equals the footprint of every page the trees hold: every table plus the metadata tree. */
    static void assertAccounting(Connection conn) {
        // tableNames() and table() may load pages (metadata leaves, a table's root): do them before summing
        List<io.wrongodb.storage.btree.BTree> trees = new ArrayList<>();
        for (String name : conn.tableNames()) {
            trees.add(conn.table(name));
        }
        trees.add(metadataTree(conn));
        long sum = 0;
        for (io.wrongodb.storage.btree.BTree tree : trees) {
            sum += tree.memoryInUse();
        }
        assertThat(conn.cache().bytesInUse())
                .as("cache bytes vs pages in the trees")
                .isEqualTo(sum);
    }

    static io.wrongodb.storage.btree.BTree metadataTree(Connection conn) {
        return conn.metadataTree();
    }

    // ---- staying near capacity ------------------------------------------------------------------------------

    /**
     * 40 MiB of 1 KiB values through a 2 MiB cache with default pages: after every batch of 1000 puts the cache
     * holds at most 1.5 times its capacity, and everything reads back, before and after a reopen.
     */
    @Test
    void loadingTwentyTimesTheCacheKeepsItNearCapacity() {
        long capacity = 2L << 20;
        int batches = 40;
        int perBatch = 1000;
        int n = batches * perBatch;
        StorageConfig config = StorageConfig.defaults().withCacheSize(capacity);
        Random random = new Random(1);
        int[] order = shuffled(n, random);
        long peak = 0;
        try (Connection conn = Connection.open(dir, config)) {
            conn.createTable("t");
            TableCursor c = conn.openSession().openCursor("t");
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < perBatch; i++) {
                    int k = order[b * perBatch + i];
                    c.put(key(k), value(k, 0, 1024));
                }
                long bytes = conn.cache().bytesInUse();
                peak = Math.max(peak, bytes);
                assertThat(bytes).as("bytes in use after batch %d", b).isLessThanOrEqualTo(capacity * 3 / 2);
            }
            assertThat(conn.cache().evictedPages()).isGreaterThan(1000);
            assertAccounting(conn);
            readAll(c, n, 0, 1024, conn, capacity);
        }
        try (Connection conn = Connection.open(dir, config)) {
            readAll(conn.openSession().openCursor("t"), n, 0, 1024, conn, capacity);
            assertAccounting(conn);
        }
        assertThat(peak).isGreaterThan(capacity / 2);
    }

    /** A forward scan reads every key 0..n-1 with the given version; the cache stays near capacity throughout. */
    static void readAll(TableCursor c, int n, int version, int length, Connection conn, long capacity) {
        c.reset();
        int expected = 0;
        while (c.next()) {
            int k = ByteBuffer.wrap(c.key()).getInt();
            assertThat(k).isEqualTo(expected);
            assertValue(c.value(), k, version, length);
            expected++;
            if (expected % 1000 == 0) {
                assertThat(conn.cache().bytesInUse()).isLessThanOrEqualTo(capacity * 3 / 2);
            }
        }
        assertThat(expected).isEqualTo(n);
        for (int i = 0; i < 200; i++) {
            int k = (int) ((i * 7919L) % n);
            assertThat(c.search(key(k))).isTrue();
            assertValue(c.value(), k, version, length);
        }
        c.reset();
    }

    static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    // ---- dirty eviction -------------------------------------------------------------------------------------

    /**
     * 5000 keys in small pages (about 1 MiB of pages) and a 128 KiB cache; five rounds rewrite every key in random
     * order with a new version (values cross the 256-byte overflow threshold from round to round), so most evicted
     * leaves are dirty and are written as they go. Every round reads everything back from the evicted pages.
     */
    @Test
    void dirtyPagesEvictedAndReadBackStayCorrect() {
        int n = 5000;
        long capacity = 128 * 1024;
        StorageConfig config = StorageConfig.defaults().withCacheSize(capacity).withTree(SMALL_PAGES);
        Random random = new Random(2);
        int[] lengths = {40, 300, 120, 600, 10};
        try (Connection conn = Connection.open(dir, config)) {
            conn.createTable("t");
            TableCursor c = conn.openSession().openCursor("t");
            for (int k = 0; k < n; k++) {
                assertThat(c.insert(key(k), value(k, 0, 16))).isTrue();
            }
            for (int round = 1; round <= lengths.length; round++) {
                long evictedBefore = conn.cache().evictedPages();
                for (int k : shuffled(n, random)) {
                    assertThat(c.update(key(k), value(k, round, lengths[round - 1])))
                            .isTrue();
                }
                assertThat(conn.cache().evictedPages() - evictedBefore)
                        .as("pages evicted in round %d", round)
                        .isGreaterThan(100);
                readAll(c, n, round, lengths[round - 1], conn, capacity);
                assertAccounting(conn);
                if (round == 3) {
                    conn.checkpoint();
                }
            }
        }
        try (Connection conn = Connection.open(dir, config)) {
            readAll(conn.openSession().openCursor("t"), n, lengths.length, lengths[lengths.length - 1], conn, capacity);
        }
    }

    // ---- accounting -----------------------------------------------------------------------------------------

    @Test
    void accountingMatchesThePagesThroughSplitsRemovesEvictionDropAndClose() {
        StorageConfig config = StorageConfig.defaults().withCacheSize(96 * 1024).withTree(SMALL_PAGES);
        Random random = new Random(3);
        Connection conn = Connection.open(dir, config);
        try {
            for (String table : List.of("a", "b", "c")) {
                assertThat(conn.createTable(table)).isTrue();
            }
            assertAccounting(conn);
            Session session = conn.openSession();
            List<TableCursor> cursors = new ArrayList<>();
            for (String table : List.of("a", "b", "c")) {
                cursors.add(session.openCursor(table));
            }
            for (int i = 0; i < 20_000; i++) {
                TableCursor c = cursors.get(random.nextInt(3));
                int k = random.nextInt(3000);
                switch (random.nextInt(4)) {
                    case 0, 1 -> c.put(key(k), value(k, i, random.nextInt(2) == 0 ? 30 : 400));
                    case 2 -> c.remove(key(k));
                    default -> c.search(key(k));
                }
                if (i % 1000 == 0) {
                    assertAccounting(conn);
                }
            }
            assertThat(conn.cache().evictedPages()).isGreaterThan(0);
            assertAccounting(conn);
            long before = conn.cache().bytesInUse();
            long bInUse = conn.table("b").memoryInUse();
            assertThat(bInUse).isPositive();
            assertThat(conn.dropTable("b")).isTrue();
            assertThat(conn.cache().bytesInUse())
                    .as("dropping b releases its pages (the metadata may change by an entry)")
                    .isBetween(before - bInUse - 200, before - bInUse);
            assertAccounting(conn);
            conn.checkpoint();
            assertAccounting(conn);
            // every key removed from a: its tree empties to a root leaf
            TableCursor a = cursors.get(0);
            for (int k = 0; k < 3000; k++) {
                a.remove(key(k));
            }
            assertThat(a.next()).isFalse();
            assertAccounting(conn);
        } finally {
            conn.close();
        }
        assertThat(conn.cache().bytesInUse()).as("bytes left after close").isZero();
    }

    // ---- many tables --------------------------------------------------------------------------------------

    /**
     * 200 small tables and a large one in small pages: the metadata tree (one entry per table) splits into several
     * leaves, and the large table pushes its pages out of a 512 KiB cache along with everyone else's. Every table
     * is intact after checkpoints, drops of half the tables and reopens.
     */
    @Test
    void manyTablesShareTheCacheWithTheMetadataTree() {
        StorageConfig config =
                StorageConfig.defaults().withCacheSize(512 * 1024).withTree(SMALL_PAGES);
        List<String> names = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            names.add(String.format("table-%03d", t));
        }
        try (Connection conn = Connection.open(dir, config)) {
            Session session = conn.openSession();
            for (String name : names) {
                assertThat(conn.createTable(name)).isTrue();
                TableCursor c = session.openCursor(name);
                for (int k = 0; k < 5; k++) {
                    assertThat(c.insert(key(k), value(k, name.hashCode(), 40))).isTrue();
                }
            }
            conn.createTable("big");
            TableCursor big = session.openCursor("big");
            for (int k = 0; k < 5000; k++) {
                big.put(key(k), value(k, 0, 600));
            }
            assertThat(conn.cache().evictedPages()).isGreaterThan(100);
            assertAccounting(conn);
            conn.checkpoint();
            for (int t = 0; t < names.size(); t += 2) {
                assertThat(conn.dropTable(names.get(t))).isTrue();
            }
            assertAccounting(conn);
        }
        List<String> kept = new ArrayList<>();
        for (int t = 1; t < names.size(); t += 2) {
            kept.add(names.get(t));
        }
        try (Connection conn = Connection.open(dir, config)) {
            List<String> expected = new ArrayList<>(kept);
            expected.add("big");
            expected.sort(null);
            assertThat(conn.tableNames()).isEqualTo(expected);
            Session session = conn.openSession();
            for (String name : kept) {
                TableCursor c = session.openCursor(name);
                for (int k = 0; k < 5; k++) {
                    assertThat(c.next()).isTrue();
                    assertThat(ByteBuffer.wrap(c.key()).getInt()).isEqualTo(k);
                    assertValue(c.value(), k, name.hashCode(), 40);
                }
                assertThat(c.next()).isFalse();
            }
            for (int t = 0; t < names.size(); t += 2) {
                assertThat(conn.hasTable(names.get(t))).isFalse();
                String name = names.get(t);
                assertThatThrownBy(() -> session.openCursor(name)).isInstanceOf(StorageException.class);
            }
            readAll(session.openCursor("big"), 5000, 0, 600, conn, 512 * 1024);
            assertAccounting(conn);
        }
    }

    // ---- pinning --------------------------------------------------------------------------------------------

    /**
     * Cursors positioned on distinct leaves of a table far larger than a 256 KiB cache pin their leaves: soon an
     * operation finds only pinned pages to evict and throws CacheFullException (at once: a hang fails the test).
     * Once the cursors are reset, eviction frees the cache and operations work again.
     */
    @Test
    void pinnedLeavesFillTheCacheWithAnExceptionNotAHang() {
        long capacity = 256 * 1024;
        int n = 12_000;
        StorageConfig config = StorageConfig.defaults().withCacheSize(capacity);
        try (Connection conn = Connection.open(dir, config)) {
            conn.createTable("t");
            conn.createTable("other");
            TableCursor c = conn.openSession().openCursor("t");
            for (int k = 0; k < n; k++) {
                c.insert(key(k), value(k, 0, 1000));
            }
        }
        try (Connection conn = Connection.open(dir, config)) {
            Session session = conn.openSession();
            TableCursor other = session.openCursor("other");
            assertThat(other.insert(key(1), value(1, 0, 10))).isTrue();
            List<TableCursor> pinning = new ArrayList<>();
            int[] thrownAt = {-1};
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                // every 60th key: about one key per 32 KiB leaf, so each cursor pins a different leaf
                for (int i = 0; i < 200 && thrownAt[0] < 0; i++) {
                    TableCursor cursor = session.openCursor("t");
                    try {
                        int k = i * 60;
                        assertThat(cursor.seek(key(k))).isTrue();
                        assertValue(cursor.value(), k, 0, 1000);
                        pinning.add(cursor);
                    } catch (CacheFullException e) {
                        thrownAt[0] = i;
                    }
                }
            });
            assertThat(thrownAt[0])
                    .as("cursors opened before CacheFullException")
                    .isBetween(2, 199);
            assertThat(conn.cache().bytesInUse()).isGreaterThan(capacity);
            // the cache is shared: another table cannot work either, and neither can writes
            assertThatThrownBy(() -> other.search(key(1))).isInstanceOf(CacheFullException.class);
            assertThatThrownBy(() -> other.put(key(2), value(2, 0, 10))).isInstanceOf(CacheFullException.class);
            // the pinned cursors themselves still read (their pages are in memory) without failing
            TableCursor first = pinning.get(0);
            assertValue(first.value(), ByteBuffer.wrap(first.key()).getInt(), 0, 1000);

            pinning.forEach(TableCursor::reset);
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                assertThat(other.search(key(1))).isTrue();
                assertThat(conn.cache().bytesInUse()).isLessThanOrEqualTo(capacity);
                other.put(key(2), value(2, 0, 10));
                TableCursor c = session.openCursor("t");
                assertThat(c.search(key(5000))).isTrue();
                assertValue(c.value(), 5000, 0, 1000);
                c.reset();
                readAll(c, n, 0, 1000, conn, capacity);
            });
            assertAccounting(conn);
        }
    }

    // ---- bugs -----------------------------------------------------------------------------------------------

    /**
     * BUG: a root leaf is never evicted ({@code BTree.evict} returns 0 unless the root is internal), and a value
     * longer than the overflow threshold keeps its bytes in the leaf until the leaf is reconciled. So a table that
     * is a single leaf holding 1 MiB of new value fills a 256 KiB cache for good: the next operation of any cursor
     * on any table throws CacheFullException ("every page left is pinned") though no cursor is positioned, until a
     * checkpoint writes the overflow block.
     */
    @Test
    void aRootLeafHoldingALargeValueDoesNotFillTheCache() {
        try (Connection conn = Connection.open(dir, StorageConfig.defaults().withCacheSize(256 * 1024))) {
            conn.createTable("t");
            conn.createTable("u");
            TableCursor c = conn.openSession().openCursor("t");
            c.put(key(1), value(1, 0, 1 << 20));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                // now throws CacheFullException: the page cache holds 1048769 bytes, over its capacity of 262144
                assertThat(c.search(key(1))).isTrue();
                assertValue(c.value(), 1, 0, 1 << 20);
                c.reset();
                assertThat(conn.openSession().openCursor("u").insert(key(1), value(1, 0, 10)))
                        .isTrue();
            });
        }
    }

    /**
     * BUG (or undocumented limit): internal pages are never evicted, so once a table's internal pages alone exceed
     * the cache every operation on every table throws CacheFullException saying "every page left is pinned (close
     * or reset cursors)", with no cursor positioned. Here: 1 KiB leaves, a 64 KiB cache, sequential 4-byte keys
     * with 10-byte values; the put of key 13796 throws (cache 65615 bytes, the table's pages 65518).
     */
    @Test
    void internalPagesDoNotFillTheCacheForGood() {
        StorageConfig config = StorageConfig.defaults().withCacheSize(64 * 1024).withTree(SMALL_PAGES);
        try (Connection conn = Connection.open(dir, config)) {
            conn.createTable("t");
            TableCursor c = conn.openSession().openCursor("t");
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int k = 0; k < 30_000; k++) {
                    c.put(key(k), value(k, 0, 10));
                }
            });
        }
    }
}
