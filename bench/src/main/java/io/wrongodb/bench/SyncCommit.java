package io.wrongodb.bench;

import io.wrongodb.bench.engine.SyncStore;
import io.wrongodb.bench.engine.SyncStore.LogCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Durable commits per second: every operation is one put of a new random 16-byte key with a 100-byte value that
 * returns only once it is fsynced. The thread count ({@code -t}) is what matters: one thread shows the cost of a
 * commit alone (about one fsync each); many threads show how well the engine shares one fsync among the commits
 * waiting for it (group commit). A fresh store per fork, so every engine starts from the same empty state.
 *
 * <p>The score is commits/s summed over threads. For WrongoDB the write-ahead log's own counters are also taken
 * around each measured iteration and written to {@code log-ENGINE-THREADS-PID.properties} in
 * {@link #resultsDirectory()}, so the report can give commits per fsync for exactly the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SyncCommit {
    static final int KEY_SIZE = Workload.KEY_SIZE;
    static final int VALUE_SIZE = 100;

    @Param({"wrongodb", "rocksdb"})
    public String engine;

    private Path directory;
    private SyncStore store;
    private byte[][] values;
    private LogCounters iterationStart;
    private LogCounters measured = new LogCounters(0, 0);
    private long measuredNanos;
    private long iterationStartNanos;

    /** Where the side results (log counters, recovery timing) go: $WRONGODB_BENCH_RESULTS, else the temp dir. */
    static Path resultsDirectory() {
        String dir = System.getenv("WRONGODB_BENCH_RESULTS");
        return dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("java.io.tmpdir"), "wrongodb-bench-results");
    }

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        directory = Workload.baseDirectory().resolve("commit-" + engine + "-" + params.getThreads());
        Workload.deleteRecursively(directory);
        store = SyncStore.open(engine, directory);
        SplittableRandom random = new SplittableRandom(0xC0FFEE);
        values = new byte[Workload.VALUE_POOL][VALUE_SIZE];
        for (byte[] value : values) {
            random.nextBytes(value);
        }
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        iterationStart = store.counters();
        iterationStartNanos = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void stopCounting(IterationParams iteration) {
        LogCounters now = store.counters();
        if (iteration.getType() == IterationType.MEASUREMENT && now != null) {
            measured = measured.plus(now.minus(iterationStart));
            measuredNanos += System.nanoTime() - iterationStartNanos;
        }
    }

    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) throws IOException {
        store.close();
        Workload.deleteRecursively(directory);
        if (measured.commits() > 0) {
            Path results = resultsDirectory();
            Files.createDirectories(results);
            // One file per fork: a run may fork the same engine and thread count more than once (bench/run-commit.sh
            // interleaves rounds), and the report sums them.
            String file = "log-" + engine + "-" + params.getThreads() + "-"
                    + ProcessHandle.current().pid() + ".properties";
            Files.writeString(
                    results.resolve(file),
                    "# WrongoDB's write-ahead log counters over the measured iterations of SyncCommit\n"
                            + "engine=" + engine + "\nthreads=" + params.getThreads() + "\ncommits="
                            + measured.commits() + "\nfsyncs=" + measured.fsyncs() + "\nseconds="
                            + measuredNanos / 1e9 + "\n");
        }
    }

    /** One committing thread's writer and key source; each thread draws different keys. */
    @State(Scope.Thread)
    public static class Committer {
        SyncStore.Writer writer;
        SplittableRandom random;
        int next;

        @Setup(Level.Trial)
        public void open(SyncCommit benchmark, ThreadParams thread) {
            writer = benchmark.store.writer();
            random = new SplittableRandom(0x5EED_0000L + thread.getThreadIndex());
        }
    }

    @Benchmark
    public void commit(Committer committer) {
        // A new array per key: an engine may keep the array it was given (WrongoDB's pages can).
        byte[] key = new byte[KEY_SIZE];
        committer.random.nextBytes(key);
        committer.writer.put(key, values[committer.next++ & (Workload.VALUE_POOL - 1)]);
    }
}
