package io.wrongodb.bench;

import io.wrongodb.bench.engine.KvEngine;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads a store loaded with {@code records} random keys (the load {@link StorageLoad} measures, built once per
 * engine and value size and shared by both benchmarks here): point gets of random loaded keys, and full scans in
 * key order. The store is reopened for each benchmark, so warmup also warms each engine's cache. Warmups are long
 * because with 1000-byte values (more data than cache) WrongoDB's and RocksDB's gets take 10-15 s to reach their
 * steady state.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xms4g",
            "-Xmx4g",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
        })
public class StorageRead {
    @Param({"wrongodb", "lmdb", "rocksdb", "mvstore"})
    public String engine;

    @Param({"100", "1000"})
    public int valueSize;

    @Param({"1000000"})
    public int records;

    private Workload workload;
    private KvEngine store;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void open() {
        workload = new Workload(records, valueSize);
        store = Workload.openLoaded(engine, Workload.dataSetDirectory(engine, valueSize, records), workload);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    /** One get of a random loaded key; the score is gets per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 5, time = 3)
    @Measurement(iterations = 3, time = 4)
    public byte[] randomGet() {
        byte[] value = store.get(workload.keys[random.nextInt(workload.keys.length)]);
        if (value == null) {
            throw new IllegalStateException(engine + " lost a key");
        }
        return value;
    }

    /** One scan of every entry in key order; the score is the time of a whole scan. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 3, time = 3)
    public long scan(Blackhole sink) {
        long n = store.scan(sink);
        if (n != records) {
            throw new IllegalStateException(engine + " scanned " + n + " entries, not " + records);
        }
        return n;
    }
}
