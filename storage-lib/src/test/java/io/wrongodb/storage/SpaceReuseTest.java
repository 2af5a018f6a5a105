package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrongodb.storage.block.BlockFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy-on-write checkpoints free the old copy of every rewritten page once the next checkpoint is durable, and
 * the allocator reuses that space: rewriting the same data over and over must not grow the file.
 */
class SpaceReuseTest {
    @TempDir
    Path dir;

    /** File size, free bytes (avail + discard) after each round's checkpoint. */
    record Figures(List<Long> fileSizes, List<Long> freeBytes) {
        long fileSize(int round) {
            return fileSizes.get(round - 1);
        }

        long free(int round) {
            return freeBytes.get(round - 1);
        }
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(16).putLong(0x6b65795f6b65795fL).putLong(i).array(); // 16 bytes
    }

    private Figures rewrite(StorageConfig config, int keys, int valueSize, int rounds) throws IOException {
        Path file = dir.resolve(Connection.FILE_NAME);
        List<Long> sizes = new ArrayList<>();
        List<Long> free = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        try (Connection connection = Connection.open(dir, config)) {
            connection.createTable("t");
            try (Session session = connection.openSession()) {
                TableCursor cursor = session.openCursor("t");
                byte[] value = new byte[valueSize];
                for (int round = 1; round <= rounds; round++) {
                    for (int i = 0; i < keys; i++) {
                        random.nextBytes(value);
                        cursor.put(key(i), value);
                    }
                    connection.checkpoint();
                    BlockFile blocks = connection.file();
                    assertThat(Files.size(file))
                            .as("file size on disk, round %d", round)
                            .isEqualTo(blocks.fileSize());
                    sizes.add(blocks.fileSize());
                    free.add(blocks.availableBytes() + blocks.discardedBytes());
                }
            }
            // What the last checkpoint references and lists as free covers the file exactly: nothing leaked.
            assertThat(CorruptionTest.FileMap.read(file).unaccountedSpace()).isEmpty();
        }
        return new Figures(sizes, free);
    }

    private static void print(String name, long liveBytes, Figures figures, int... rounds) {
        StringBuilder line = new StringBuilder(name + ": live data " + liveBytes + " bytes;");
        for (int round : rounds) {
            line.append(String.format(
                    " round %d: file %d (%.2fx), free %d;",
                    round, figures.fileSize(round), figures.fileSize(round) / (double) liveBytes, figures.free(round)));
        }
        System.out.println(line);
    }

    @Test
    void rewritingSmallValuesReusesTheSpace() throws IOException {
        int keys = 10_000;
        Figures figures = rewrite(StorageConfig.defaults(), keys, 100, 100);
        long liveBytes = keys * 116L;
        print("SpaceReuseTest 10,000 x (16 + 100 bytes)", liveBytes, figures, 1, 2, 10, 50, 100);

        long first = figures.fileSize(1);
        assertThat(first).as("the first checkpoint's file holds the data").isGreaterThan(liveBytes);
        assertThat(figures.fileSize(100)).as("file after 100 rewrites").isLessThanOrEqualTo(4 * first);
        assertThat(figures.fileSize(100)).as("file after 100 rewrites").isLessThanOrEqualTo(4 * liveBytes);
        // Steady state: the second half of the run does not grow the file or the free space past the first half.
        long maxSizeFirstHalf = figures.fileSizes().subList(0, 50).stream()
                .mapToLong(Long::longValue)
                .max()
                .orElseThrow();
        long maxFreeFirstHalf = figures.freeBytes().subList(0, 50).stream()
                .mapToLong(Long::longValue)
                .max()
                .orElseThrow();
        for (int round = 51; round <= 100; round++) {
            assertThat(figures.fileSize(round)).as("file size, round %d", round).isLessThanOrEqualTo(maxSizeFirstHalf);
            assertThat(figures.free(round)).as("free bytes, round %d", round).isLessThanOrEqualTo(maxFreeFirstHalf);
        }
        assertThat(figures.free(100)).as("free bytes after 100 rewrites").isLessThanOrEqualTo(2 * first);
    }

    @Test
    void rewritingOverflowValuesReusesTheSpace() throws IOException {
        int keys = 100;
        int valueSize = 64 * 1024;
        Figures figures = rewrite(StorageConfig.defaults(), keys, valueSize, 20);
        long liveBytes = keys * (16L + valueSize);
        print("SpaceReuseTest 100 x (16 + 64 KiB), overflow", liveBytes, figures, 1, 2, 5, 10, 20);

        long first = figures.fileSize(1);
        assertThat(first).isGreaterThan(liveBytes);
        assertThat(figures.fileSize(20)).as("file after 20 rewrites").isLessThanOrEqualTo(4 * first);
        assertThat(figures.fileSize(20)).as("file after 20 rewrites").isLessThanOrEqualTo(4 * liveBytes);
        for (int round = 11; round <= 20; round++) {
            assertThat(figures.fileSize(round))
                    .as("file size, round %d", round)
                    .isLessThanOrEqualTo(figures.fileSize(10));
            assertThat(figures.free(round)).as("free bytes, round %d", round).isLessThanOrEqualTo(2 * first);
        }
    }

    @Test
    void rewritingWithEvictionBetweenCheckpointsReusesTheSpace() throws IOException {
        // A cache far smaller than the data: leaves are written by eviction between checkpoints, and every block
        // written and freed since the last checkpoint is reusable at once.
        int keys = 10_000;
        Figures figures = rewrite(StorageConfig.defaults().withCacheSize(256 * 1024), keys, 100, 60);
        long liveBytes = keys * 116L;
        print("SpaceReuseTest 10,000 x (16 + 100 bytes), 256 KiB cache", liveBytes, figures, 1, 2, 10, 30, 60);
        assertThat(figures.fileSize(60)).isLessThanOrEqualTo(4 * figures.fileSize(1));
        assertThat(figures.fileSize(60)).isLessThanOrEqualTo(4 * liveBytes);
    }
}
