package io.wrongodb.bench;

import io.wrongodb.bench.engine.Engines;
import io.wrongodb.bench.engine.KvEngine;
import java.nio.file.Path;
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

/**
 * Loads {@code records} random keys into an empty store and makes them durable; one load per iteration, each into
 * a fresh directory. The score is the time of one whole load (puts and the final sync); {@link StorageReport}
 * turns it into puts per second. After each load (unmeasured) the store is left to settle, closed, and kept as the
 * data set {@link StorageRead} reads, which saves loading it again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xms4g",
            "-Xmx4g",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
        })
public class StorageLoad {
    @Param({"wrongodb", "lmdb", "rocksdb", "mvstore"})
    public String engine;

    @Param({"100", "1000"})
    public int valueSize;

    @Param({"1000000"})
    public int records;

    private Workload workload;
    private Path directory;
    private KvEngine store;

    @Setup(Level.Trial)
    public void generate() {
        workload = new Workload(records, valueSize);
        directory = Workload.baseDirectory().resolve("load-" + engine + "-" + valueSize + "-" + records);
    }

    @Setup(Level.Iteration)
    public void openEmpty() {
        Workload.deleteRecursively(directory);
        store = Engines.open(engine, directory);
    }

    @Benchmark
    public void load() {
        workload.load(store);
    }

    @TearDown(Level.Iteration)
    public void closeAndKeep() {
        store.settle();
        store.close();
        store = null;
        Workload.keepAsDataSet(directory, Workload.dataSetDirectory(engine, valueSize, records), records);
    }
}
