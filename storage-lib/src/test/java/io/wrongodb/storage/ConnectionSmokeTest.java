package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSmokeTest {
    @TempDir
    Path dir;

    static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    static byte[] value(int i, int size) {
        byte[] v = new byte[size];
        java.util.Arrays.fill(v, (byte) i);
        if (size >= 4) {
            ByteBuffer.wrap(v).putInt(0, i);
        }
        return v;
    }

    @Test
    void manyKeysSurviveSplitsRemovesAndReopen() {
        int n = 200_000;
        try (Connection conn = Connection.open(dir, StorageConfig.defaults().withCacheSize(8L << 20))) {
            conn.createTable("t");
            Session s = conn.openSession();
            TableCursor c = s.openCursor("t");
            for (int i = 0; i < n; i++) {
                assertThat(c.insert(key(i * 7919 % n), value(i * 7919 % n, 100)))
                        .isTrue();
            }
            int count = 0;
            int prev = -1;
            while (c.next()) {
                int k = ByteBuffer.wrap(c.key()).getInt();
                assertThat(k).isGreaterThan(prev);
                assertThat(ByteBuffer.wrap(c.value()).getInt()).isEqualTo(k);
                prev = k;
                count++;
            }
            assertThat(count).isEqualTo(n);
            for (int i = 0; i < n; i += 2) {
                assertThat(c.remove(key(i))).isTrue();
            }
            count = 0;
            while (c.prev()) {
                assertThat(ByteBuffer.wrap(c.key()).getInt() % 2).isEqualTo(1);
                count++;
            }
            assertThat(count).isEqualTo(n / 2);
            assertThat(conn.cache().evictedPages()).isGreaterThan(0);
            conn.checkpoint();
        }
        try (Connection conn = Connection.open(dir, StorageConfig.defaults())) {
            TableCursor c = conn.openSession().openCursor("t");
            int count = 0;
            while (c.next()) {
                count++;
            }
            assertThat(count).isEqualTo(n / 2);
            assertThat(c.search(key(7))).isTrue();
            assertThat(ByteBuffer.wrap(c.value()).getInt()).isEqualTo(7);
            assertThat(c.search(key(8))).isFalse();
        }
    }

    @Test
    void largeValuesGoToOverflowBlocks() {
        try (Connection conn = Connection.open(dir, StorageConfig.defaults())) {
            conn.createTable("big");
            TableCursor c = conn.openSession().openCursor("big");
            c.put(key(1), value(1, 16 * 1024 * 1024));
            c.put(key(2), value(2, 0));
            conn.checkpoint();
            assertThat(c.search(key(1))).isTrue();
            assertThat(c.value()).isEqualTo(value(1, 16 * 1024 * 1024));
        }
        try (Connection conn = Connection.open(dir, StorageConfig.defaults())) {
            TableCursor c = conn.openSession().openCursor("big");
            assertThat(c.search(key(1))).isTrue();
            assertThat(c.value()).isEqualTo(value(1, 16 * 1024 * 1024));
            assertThat(c.search(key(2))).isTrue();
            assertThat(c.value()).isEmpty();
        }
    }

    @Test
    void aBackgroundThreadCheckpointsAtTheConfiguredInterval() throws Exception {
        StorageConfig config = StorageConfig.defaults().withCheckpointInterval(java.time.Duration.ofMillis(100));
        try (Connection conn = Connection.open(dir, config)) {
            conn.createTable("t");
            long first = conn.file().checkpoint().generation();
            conn.openSession().openCursor("t").put(key(1), value(1, 10));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (conn.file().checkpoint().generation() < first + 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(conn.file().checkpoint().generation()).isGreaterThanOrEqualTo(first + 3);
        }
    }
}
