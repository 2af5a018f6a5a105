package io.wrongodb.bench;

import io.wrongodb.bench.engine.Engines;
import io.wrongodb.bench.engine.KvEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The data the storage benchmarks load: {@code records} random 16-byte keys, in the (random) order they are drawn,
 * each with a random value of {@code valueSize} bytes. The same seed gives every engine the same keys in the same
 * order.
 *
 * <p>Values are drawn from a pool of {@value #VALUE_POOL} random arrays (key {@code i} gets pool entry
 * {@code i % VALUE_POOL}): random bytes, so incompressible, without holding a gigabyte of values on the heap.
 */
final class Workload {
    static final int KEY_SIZE = 16;
    static final int VALUE_POOL = 4096;
    private static final long SEED = 0x5EED_F00DL;

    /** Where data sets live: $WRONGODB_BENCH_DIR, else a directory under java.io.tmpdir. */
    static Path baseDirectory() {
        String dir = System.getenv("WRONGODB_BENCH_DIR");
        return dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("java.io.tmpdir"), "wrongodb-bench");
    }

    final byte[][] keys;
    final byte[][] values;

    Workload(int records, int valueSize) {
        SplittableRandom random = new SplittableRandom(SEED);
        keys = new byte[records][];
        for (int i = 0; i < records; i++) {
            keys[i] = new byte[KEY_SIZE];
            random.nextBytes(keys[i]);
        }
        values = new byte[Math.min(VALUE_POOL, records)][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[valueSize];
            random.nextBytes(values[i]);
        }
    }

    byte[] value(int i) {
        return values[i % values.length];
    }

    /** Puts every record, in order, then makes the load durable: what the load benchmark measures. */
    void load(KvEngine engine) {
        for (int i = 0; i < keys.length; i++) {
            engine.put(keys[i], value(i));
        }
        engine.makeDurable();
    }

    /** Where the loaded store the read benchmarks use for this engine and workload lives. */
    static Path dataSetDirectory(String engine, int valueSize, int records) {
        return baseDirectory().resolve("data-" + engine + "-" + valueSize + "-" + records);
    }

    /**
     * Makes the closed store in {@code loaded} (a complete load, settled) the data set the read benchmarks use,
     * so they need not load it again.
     */
    static void keepAsDataSet(Path loaded, Path dataSet, int records) {
        deleteRecursively(dataSet);
        try {
            Files.createDirectories(dataSet);
            Files.move(loaded, dataSet.resolve("db"));
            Files.writeString(dataSet.resolve("READY"), records + " records\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a loaded data set for reading, after reading its files once to bring them into the OS page cache. The
     * load benchmark leaves one behind; if it did not run, the data set is built here first (load, settle, close).
     */
    static KvEngine openLoaded(String engine, Path dataSet, Workload workload) {
        if (!Files.exists(dataSet.resolve("READY"))) {
            Path building = dataSet.resolveSibling(dataSet.getFileName() + ".building");
            deleteRecursively(building);
            try (KvEngine store = Engines.open(engine, building)) {
                workload.load(store);
                store.settle();
            }
            keepAsDataSet(building, dataSet, workload.keys.length);
        }
        warmOsCache(dataSet);
        return Engines.open(engine, dataSet.resolve("db"));
    }

    /**
     * Reads every file under {@code directory} once, so a read benchmark starts with the engine's files in the OS
     * page cache whatever other data sets pushed out of it since they were written.
     */
    static void warmOsCache(Path directory) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    while (channel.read(buffer.clear()) > 0) {
                        // Only the reading matters.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
