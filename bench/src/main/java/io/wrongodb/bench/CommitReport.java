package io.wrongodb.bench;

import io.wrongodb.bench.StorageReport.Rate;
import io.wrongodb.bench.StorageReport.Ratio;
import io.wrongodb.bench.engine.Engines;
import io.wrongodb.bench.engine.SyncStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Turns a commit-benchmark run ({@link SyncCommit} at several thread counts, {@link FsyncRate}, and the side files
 * {@link SyncCommit} and {@link RecoveryTime} leave) into a markdown section: durable commits per second per engine
 * and thread count beside the machine's fsync rate, WrongoDB's commits per fsync, recovery time per 100 MB of log,
 * and the targets. Prints it and writes it into a markdown file between its own markers.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.wrongodb.bench.CommitReport docs/benchmarks.md RESULTS.json...
 *     --results DIR [--command TEXT] [--build-seconds N] [--bench-seconds N] [--load-before TEXT]
 *     [--load-during TEXT] [--load-after TEXT] [--note TEXT]
 * </pre>
 */
public final class CommitReport {
    static final MarkedSection SECTION = new MarkedSection(
            "<!-- commit-benchmarks:begin (written by bench/run-commit.sh; edits are lost) -->",
            "<!-- commit-benchmarks:end -->");

    /** The thread count the targets are set at. */
    static final int TARGET_THREADS = 64;

    static final double TARGET_COMMITS_PER_FSYNC = 15;

    private record Key(String engine, int threads) {}

    /** WrongoDB's log counters over a benchmark's measured iterations. */
    private record LogCounts(long commits, long fsyncs, double seconds) {
        LogCounts plus(LogCounts other) {
            return new LogCounts(commits + other.commits, fsyncs + other.fsyncs, seconds + other.seconds);
        }

        double commitsPerFsync() {
            return fsyncs == 0 ? Double.NaN : (double) commits / fsyncs;
        }
    }

    private final Map<Key, List<Double>> commitIterations = new LinkedHashMap<>();
    private final Map<Key, Integer> forks = new LinkedHashMap<>();
    private final Map<String, List<Double>> fsyncIterations = new LinkedHashMap<>();
    private final Map<Integer, LogCounts> logCounts = new LinkedHashMap<>();
    private final TreeSet<Integer> threadCounts = new TreeSet<>();
    private Rate fsyncRate;
    private Rate appendFsyncRate;
    private Properties recovery;
    private String jvm = "unknown";
    private List<Object> jvmArgs = List.of();
    private String jmhVersion = "unknown";
    private String warmup = "?";
    private String measurement = "?";

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() < 2 || !options.containsKey("--results")) {
            System.err.println("usage: CommitReport MARKDOWN.md RESULTS.json... --results DIR [--command TEXT]"
                    + " [--build-seconds N] [--bench-seconds N] [--load-before TEXT] [--load-during TEXT]"
                    + " [--load-after TEXT] [--note TEXT]");
            System.exit(2);
        }
        CommitReport report = new CommitReport();
        for (String json : files.subList(1, files.size())) {
            report.readJmh(Files.readString(Path.of(json)));
        }
        report.readSideResults(Path.of(options.get("--results")));
        String section = report.section(options);
        System.out.println(section);
        Path markdown = Path.of(files.get(0));
        SECTION.writeInto(markdown, section);
        System.out.println("Wrote the results to " + markdown);
    }

    /**
     * Reads one JMH result file. A run may hold several results for the same engine and thread count (rounds
     * interleaved to spread the noise of a shared machine over both engines): their iterations are pooled.
     */
    @SuppressWarnings("unchecked")
    void readJmh(String json) {
        for (Object entry : (List<Object>) Json.parse(json)) {
            Map<String, Object> result = (Map<String, Object>) entry;
            String benchmark = (String) result.get("benchmark");
            Map<String, Object> params = (Map<String, Object>) result.get("params");
            Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
            String unit = (String) metric.get("scoreUnit");
            List<Double> scores = new ArrayList<>();
            for (Object fork : (List<Object>) metric.get("rawData")) {
                for (Object score : (List<Object>) fork) {
                    scores.add(StorageReport.toRate(((Number) score).doubleValue(), unit, 1));
                }
            }
            if (benchmark.endsWith(".SyncCommit.commit")) {
                int threads = ((Number) result.get("threads")).intValue();
                commitIterations
                        .computeIfAbsent(new Key((String) params.get("engine"), threads), k -> new ArrayList<>())
                        .addAll(scores);
                threadCounts.add(threads);
                forks.merge(new Key((String) params.get("engine"), threads), 1, Integer::sum);
                jvm = result.get("vmName") + " " + result.get("vmVersion") + " (JDK " + result.get("jdkVersion") + ")";
                jvmArgs = (List<Object>) result.get("jvmArgs");
                jmhVersion = (String) result.get("jmhVersion");
                warmup = ((Number) result.get("warmupIterations")).intValue() + " × " + result.get("warmupTime");
                measurement = ((Number) result.get("measurementIterations")).intValue() + " × "
                        + result.get("measurementTime");
            } else if (benchmark.endsWith(".FsyncRate.writeAndSync")) {
                fsyncIterations
                        .computeIfAbsent((String) params.get("mode"), k -> new ArrayList<>())
                        .addAll(scores);
            }
        }
    }

    /** The mean of the pooled iterations, with the slowest and fastest. */
    private static Rate pooled(List<Double> iterations) {
        if (iterations == null || iterations.isEmpty()) {
            return null;
        }
        double mean = iterations.stream().mapToDouble(d -> d).average().orElseThrow();
        return new Rate(
                mean,
                iterations.stream().mapToDouble(d -> d).min().orElseThrow(),
                iterations.stream().mapToDouble(d -> d).max().orElseThrow(),
                iterations.size());
    }

    private Rate commits(String engine, int threads) {
        return pooled(commitIterations.get(new Key(engine, threads)));
    }

    void readSideResults(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var paths = Files.list(directory)) {
            for (Path path : paths.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith("log-" + Engines.WRONGODB + "-") && name.endsWith(".properties")) {
                    Properties p = load(path);
                    logCounts.merge(
                            Integer.parseInt(p.getProperty("threads")),
                            new LogCounts(
                                    Long.parseLong(p.getProperty("commits")),
                                    Long.parseLong(p.getProperty("fsyncs")),
                                    Double.parseDouble(p.getProperty("seconds"))),
                            LogCounts::plus);
                } else if (name.equals("recovery.properties")) {
                    recovery = load(path);
                }
            }
        }
    }

    private static Properties load(Path path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        }
        return properties;
    }

    String section(Map<String, String> options) {
        fsyncRate = pooled(fsyncIterations.get(FsyncRate.PREALLOCATED));
        appendFsyncRate = pooled(fsyncIterations.get("append"));
        int rounds = forks.values().stream().mapToInt(n -> n).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append(SECTION.begin()).append("\n\n");
        out.append("## Durable commits: WrongoDB vs RocksDB, fsync rate, recovery time\n\n");
        out.append("- **Date:** ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC\n");
        out.append("- **Command:** `")
                .append(options.getOrDefault("--command", "bench/run-commit.sh"))
                .append("` (from the repository root)\n");
        if (options.containsKey("--bench-seconds")) {
            long build = Long.parseLong(options.getOrDefault("--build-seconds", "0"));
            long bench = Long.parseLong(options.get("--bench-seconds"));
            out.append("- **Run time:** ")
                    .append(StorageReport.duration(build + bench))
                    .append(" in all (build ")
                    .append(StorageReport.duration(build))
                    .append(", benchmarks ")
                    .append(StorageReport.duration(bench))
                    .append(")\n");
        }
        out.append("- **Machine:** ").append(Machine.describe()).append('\n');
        if (options.containsKey("--load-before")) {
            out.append("- **Load average** (1/5/15 min) before the run: ")
                    .append(options.get("--load-before"))
                    .append("; after: ")
                    .append(options.getOrDefault("--load-after", "?"));
            if (options.containsKey("--load-during")) {
                out.append("; 1-min load during the run: ").append(options.get("--load-during"));
            }
            out.append(" (anything well above 1 means other work shared the cores)\n");
        }
        if (options.containsKey("--note")) {
            out.append("- **Note:** ").append(options.get("--note")).append('\n');
        }
        out.append("- **JVM:** ")
                .append(jvm)
                .append(", JMH ")
                .append(jmhVersion)
                .append(", fork flags `")
                .append(String.join(" ", jvmArgs.stream().map(String::valueOf).toList()))
                .append("`\n");
        out.append("- **Workload:** each commit is one put of a new random 16-byte key with a random 100-byte value,")
                .append(" returning only once it is fsynced; JMH threads commit concurrently into one fresh store")
                .append(" per engine, thread count and fork (each fork: warmup ")
                .append(warmup)
                .append(", measured ")
                .append(measurement)
                .append("). ")
                .append(rounds)
                .append(rounds == 1 ? " round" : " rounds")
                .append(", each measuring the fsync rate and then both engines at every thread count in turn, so")
                .append(" that other load on the machine falls on every figure alike; each figure pools its")
                .append(" rounds' iterations. All files on the same file system.\n");
        out.append("- **The machine's fsync rate:** ")
                .append(fsyncRate == null ? "not measured" : StorageReport.formatRate(fsyncRate) + " fsyncs/s")
                .append(" (one thread: write 128 B into a preallocated file, `FileChannel.force(false)`; mean,")
                .append(" then slowest–fastest iteration). On a quiet disk, an engine that gives each commit")
                .append(" its own fsync gets at most this many commits/s.");
        if (appendFsyncRate != null) {
            out.append(" Appending each write instead, so that every fsync also makes a new file size durable: ")
                    .append(StorageReport.formatRate(appendFsyncRate))
                    .append(" fsyncs/s.");
        }
        out.append("\n\n");

        out.append("### Commits per second\n\n");
        out.append("Durable commits per second over all threads: the mean of the measured iterations, then the")
                .append(" slowest–fastest iteration. *× fsync rate* is commits/s over the machine's fsync rate above;")
                .append(" *commits per fsync* and *fsyncs/s* come from WrongoDB's log counters over the same")
                .append(" measured iterations (RocksDB counts syncs only with statistics on, which is left off).\n\n");
        out.append("| Threads | WrongoDB | RocksDB | WrongoDB / RocksDB | WrongoDB × fsync rate |"
                + " RocksDB × fsync rate | WrongoDB commits per fsync | WrongoDB fsyncs/s |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int threads : threadCounts) {
            Rate wrongo = commits(Engines.WRONGODB, threads);
            Rate rocks = commits(Engines.ROCKSDB, threads);
            LogCounts log = logCounts.get(threads);
            out.append("| ").append(threads).append(" | ");
            out.append(wrongo == null ? "–" : StorageReport.formatRate(wrongo)).append(" | ");
            out.append(rocks == null ? "–" : StorageReport.formatRate(rocks)).append(" | ");
            out.append(
                            wrongo == null || rocks == null
                                    ? "–"
                                    : Ratio.of(wrongo, rocks).format())
                    .append(" | ");
            out.append(timesFsync(wrongo)).append(" | ");
            out.append(timesFsync(rocks)).append(" | ");
            out.append(log == null ? "–" : String.format(Locale.ROOT, "%.1f", log.commitsPerFsync()))
                    .append(" | ");
            out.append(log == null ? "–" : StorageReport.compact(log.fsyncs / log.seconds))
                    .append(" |\n");
        }

        if (fasterThanFsync()) {
            out.append("\nAbove 1× at ")
                    .append(threadCounts.first())
                    .append(threadCounts.first() == 1 ? " thread" : " threads")
                    .append(", where a commit has an fsync to itself, means the disk was quicker while that engine")
                    .append(" ran than while the fsync rate was measured: other load on the disk moved the rate")
                    .append(" between the measurements. WrongoDB's own fsyncs/s in the same row is the rate its")
                    .append(" log actually got.\n");
        }

        out.append("\n### Recovery time\n\n");
        if (recovery == null) {
            out.append("Not measured in this run.\n");
        } else {
            long logBytes = Long.parseLong(recovery.getProperty("logBytes"));
            double openSeconds = Double.parseDouble(recovery.getProperty("openSeconds"));
            out.append("A child JVM wrote ")
                    .append(String.format(Locale.ROOT, "%,d", Long.parseLong(recovery.getProperty("putsLogged"))))
                    .append(" puts (16-byte random keys, 100-byte values; ASYNC, then one SYNC put that syncs them")
                    .append(" all) into a fresh store without ever checkpointing, and was killed with SIGKILL.")
                    .append(" `Connection.open` on its directory then replayed the log and checkpointed the result.")
                    .append(" The log files had just been written, so they were read from the OS page cache.\n\n");
            out.append("| Log replayed | Records replayed | Connection.open | Per 100 MB of log |\n");
            out.append("|---:|---:|---:|---:|\n");
            out.append(String.format(
                    Locale.ROOT,
                    "| %.1f MB | %,d | %.2f s | **%.2f s** |%n",
                    logBytes / 1e6,
                    Long.parseLong(recovery.getProperty("recordsReplayed")),
                    openSeconds,
                    openSeconds / (logBytes / 1e6) * 100));
        }

        out.append("\n### The issue's targets\n\n");
        out.append("| Target (at ").append(TARGET_THREADS).append(" threads) | Result |\n|---|---|\n");
        LogCounts log = logCounts.get(TARGET_THREADS);
        out.append("| at least ")
                .append((int) TARGET_COMMITS_PER_FSYNC)
                .append(" commits per fsync | ")
                .append(
                        log == null
                                ? "not measured"
                                : String.format(
                                        Locale.ROOT,
                                        "%.1f — **%s**",
                                        log.commitsPerFsync(),
                                        log.commitsPerFsync() >= TARGET_COMMITS_PER_FSYNC ? "met" : "not met"))
                .append(" |\n");
        Rate wrongo = commits(Engines.WRONGODB, TARGET_THREADS);
        Rate rocks = commits(Engines.ROCKSDB, TARGET_THREADS);
        out.append("| throughput ≥ RocksDB (sync=true) | ")
                .append(
                        wrongo == null || rocks == null
                                ? "not measured"
                                : StorageReport.verdict(Ratio.of(wrongo, rocks), 1.0))
                .append(" |\n");
        out.append("\nA throughput verdict marked *within noise* means the iterations' spread (WrongoDB's slowest")
                .append(" over RocksDB's fastest, up to the reverse) straddles the target.\n");

        out.append("\n### Engine settings\n\n");
        for (String engine : SyncStore.ENGINES) {
            out.append("- **")
                    .append(StorageReport.displayName(engine))
                    .append(":** ")
                    .append(SyncStore.SETTINGS.get(engine))
                    .append('\n');
        }
        out.append('\n').append(SECTION.end()).append('\n');
        return out.toString();
    }

    /** Whether an engine did more commits/s than the fsync rate at the lowest thread count. */
    private boolean fasterThanFsync() {
        if (fsyncRate == null || threadCounts.isEmpty()) {
            return false;
        }
        for (String engine : SyncStore.ENGINES) {
            Rate rate = commits(engine, threadCounts.first());
            if (rate != null && rate.mean() > fsyncRate.mean()) {
                return true;
            }
        }
        return false;
    }

    private String timesFsync(Rate rate) {
        return rate == null || fsyncRate == null
                ? "–"
                : String.format(Locale.ROOT, "%.1f×", rate.mean() / fsyncRate.mean());
    }
}
