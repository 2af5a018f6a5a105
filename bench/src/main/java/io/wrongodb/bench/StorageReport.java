package io.wrongodb.bench;

import io.wrongodb.bench.engine.Engines;
import java.io.IOException;
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
import java.util.TreeSet;

/**
 * Reads the JSON results of a {@link StorageLoad} / {@link StorageRead} run, prints throughput per engine and
 * WrongoDB's ratios to the others, checks the targets, and writes all of it as a section of a markdown
 * file (replacing the section an earlier run wrote).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.wrongodb.bench.StorageReport docs/benchmarks.md RESULTS.json...
 *     [--command TEXT] [--build-seconds N] [--bench-seconds N] [--load-before TEXT] [--load-after TEXT]
 * </pre>
 */
public final class StorageReport {
    static final MarkedSection SECTION = new MarkedSection(
            "<!-- storage-benchmarks:begin (written by bench/run-storage.sh; edits are lost) -->",
            "<!-- storage-benchmarks:end -->");

    private static final String W = Engines.WRONGODB;

    /** One workload as the report names it, and the JMH benchmark method that measures it. */
    private enum Workload {
        LOAD("StorageLoad.load", "random load", "puts/s"),
        GET("StorageRead.randomGet", "random get", "gets/s"),
        SCAN("StorageRead.scan", "full scan", "entries/s");

        final String method;
        final String label;
        final String unit;

        Workload(String method, String label, String unit) {
            this.method = method;
            this.label = label;
            this.unit = unit;
        }
    }

    /** A benchmark's result as operations per second: the mean, and the slowest and fastest iteration. */
    record Rate(double mean, double min, double max, int iterations) {}

    /** A ratio of WrongoDB to another engine, with the range the iterations' spread allows. */
    record Ratio(double mean, double low, double high) {
        static Ratio of(Rate wrongo, Rate other) {
            return new Ratio(wrongo.mean / other.mean, wrongo.min / other.max, wrongo.max / other.min);
        }

        String format() {
            return String.format(Locale.ROOT, "%.2f×", mean);
        }
    }

    private record Key(Workload workload, String engine, int valueSize) {}

    private record Target(String label, Workload workload, String other, double atLeast) {}

    private static final List<Target> TARGETS = List.of(
            new Target("random gets ≥ 1.0× LMDB", Workload.GET, Engines.LMDB, 1.0),
            new Target("random loads ≥ 0.5× RocksDB", Workload.LOAD, Engines.ROCKSDB, 0.5),
            new Target("random loads ≥ 2× MVStore", Workload.LOAD, Engines.MVSTORE, 2.0));

    private static final List<String[]> RATIOS = List.of(
            new String[] {Engines.LMDB, "WrongoDB / LMDB"},
            new String[] {Engines.ROCKSDB, "WrongoDB / RocksDB"},
            new String[] {Engines.MVSTORE, "WrongoDB / MVStore"});

    private final Map<Key, Rate> rates = new LinkedHashMap<>();
    private final TreeSet<Integer> valueSizes = new TreeSet<>();
    private final TreeSet<Integer> recordCounts = new TreeSet<>();
    private String jvm = "unknown";
    private List<Object> jvmArgs = List.of();
    private String jmhVersion = "unknown";

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
        if (files.size() < 2) {
            System.err.println("usage: StorageReport MARKDOWN.md RESULTS.json... [--command TEXT] [--build-seconds N]"
                    + " [--bench-seconds N] [--load-before TEXT] [--load-after TEXT]");
            System.exit(2);
        }
        StorageReport report = new StorageReport();
        for (String json : files.subList(1, files.size())) {
            report.read(Files.readString(Path.of(json)));
        }
        String section = report.section(options);
        System.out.println(section);
        Path markdown = Path.of(files.get(0));
        SECTION.writeInto(markdown, section);
        System.out.println("Wrote the results to " + markdown);
    }

    @SuppressWarnings("unchecked")
    void read(String json) {
        for (Object entry : (List<Object>) Json.parse(json)) {
            Map<String, Object> result = (Map<String, Object>) entry;
            String benchmark = (String) result.get("benchmark");
            Workload workload = null;
            for (Workload w : Workload.values()) {
                if (benchmark.endsWith("." + w.method)) {
                    workload = w;
                }
            }
            if (workload == null) {
                continue;
            }
            Map<String, Object> params = (Map<String, Object>) result.get("params");
            String engine = (String) params.get("engine");
            int valueSize = Integer.parseInt((String) params.get("valueSize"));
            int records = Integer.parseInt((String) params.get("records"));
            Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
            String unit = (String) metric.get("scoreUnit");
            List<Double> iterations = new ArrayList<>();
            for (Object fork : (List<Object>) metric.get("rawData")) {
                for (Object score : (List<Object>) fork) {
                    iterations.add(toRate(((Number) score).doubleValue(), unit, records));
                }
            }
            double mean = toRate(((Number) metric.get("score")).doubleValue(), unit, records);
            double min = iterations.stream().mapToDouble(d -> d).min().orElse(mean);
            double max = iterations.stream().mapToDouble(d -> d).max().orElse(mean);
            rates.put(new Key(workload, engine, valueSize), new Rate(mean, min, max, iterations.size()));
            valueSizes.add(valueSize);
            recordCounts.add(records);
            jvm = result.get("vmName") + " " + result.get("vmVersion") + " (JDK " + result.get("jdkVersion") + ")";
            jvmArgs = (List<Object>) result.get("jvmArgs");
            jmhVersion = (String) result.get("jmhVersion");
        }
    }

    /**
     * Operations per second from a JMH score: throughput scores are that already; time scores are the time of one
     * invocation, which handles all {@code records} (a whole load or a whole scan).
     */
    static double toRate(double score, String unit, int records) {
        return switch (unit) {
            case "ops/s" -> score;
            case "ops/ms" -> score * 1e3;
            case "ops/us" -> score * 1e6;
            case "ops/ns" -> score * 1e9;
            case "s/op" -> records / score;
            case "ms/op" -> records / (score / 1e3);
            case "us/op" -> records / (score / 1e6);
            case "ns/op" -> records / (score / 1e9);
            default -> throw new IllegalArgumentException("unexpected score unit " + unit);
        };
    }

    String section(Map<String, String> options) {
        StringBuilder out = new StringBuilder();
        out.append(SECTION.begin()).append("\n\n");
        out.append("## Storage engine: WrongoDB vs LMDB, RocksDB and H2 MVStore\n\n");
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append("- **Date:** ").append(date).append('\n');
        out.append("- **Command:** `")
                .append(options.getOrDefault("--command", "bench/run-storage.sh"))
                .append("` (from the repository root)\n");
        if (options.containsKey("--bench-seconds")) {
            long build = Long.parseLong(options.getOrDefault("--build-seconds", "0"));
            long bench = Long.parseLong(options.get("--bench-seconds"));
            out.append("- **Run time:** ")
                    .append(duration(build + bench))
                    .append(" in all (build ")
                    .append(duration(build))
                    .append(", benchmarks ")
                    .append(duration(bench))
                    .append(")\n");
        }
        out.append("- **Machine:** ").append(Machine.describe()).append('\n');
        if (options.containsKey("--load-before")) {
            out.append("- **Load average** (1/5/15 min) before the run: ")
                    .append(options.get("--load-before"))
                    .append("; after: ")
                    .append(options.getOrDefault("--load-after", "?"))
                    .append(" (anything well above 1 means other work shared the 2 cores)\n");
        }
        out.append("- **JVM:** ")
                .append(jvm)
                .append(", JMH ")
                .append(jmhVersion)
                .append(", fork flags `")
                .append(String.join(" ", jvmArgs.stream().map(String::valueOf).toList()))
                .append("`\n");
        out.append("- **Workload:** ")
                .append(recordCounts.isEmpty() ? "?" : String.format(Locale.ROOT, "%,d", recordCounts.last()))
                .append(
                        " random 16-byte keys, loaded in random order into an empty store, with random (incompressible)")
                .append(" values of ")
                .append(String.join(
                        " and ", valueSizes.stream().map(v -> v + " B").toList()))
                .append(". A load is timed from the first put to the end of the sync that makes it durable;")
                .append(" gets pick loaded keys uniformly at random; a scan reads every key and value in key order.")
                .append(" One thread; every engine caches at most 256 MiB itself (LMDB relies on the OS page cache;")
                .append(" all data sets fit in the OS page cache).\n\n");

        out.append("### Results\n\n");
        out.append("Operations per second: the mean of the measured iterations, then the slowest–fastest iteration."
                + " Ratios are WrongoDB's mean over the other engine's (above 1: WrongoDB is faster).\n\n");
        out.append("| Workload | Value | WrongoDB | LMDB | RocksDB | MVStore |");
        RATIOS.forEach(r -> out.append(' ').append(r[1]).append(" |"));
        out.append("\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Workload workload : Workload.values()) {
            for (int valueSize : valueSizes) {
                out.append("| ")
                        .append(workload.label)
                        .append(" (")
                        .append(workload.unit)
                        .append(") | ")
                        .append(valueSize)
                        .append(" B |");
                for (String engine : Engines.ALL) {
                    Rate rate = rates.get(new Key(workload, engine, valueSize));
                    out.append(' ')
                            .append(rate == null ? "–" : formatRate(rate))
                            .append(" |");
                }
                for (String[] ratio : RATIOS) {
                    Ratio r = ratio(workload, ratio[0], valueSize);
                    out.append(' ').append(r == null ? "–" : r.format()).append(" |");
                }
                out.append('\n');
            }
        }

        out.append("\n### The issue's targets\n\n");
        out.append("A target counts as met if the ratio of the means reaches it. Where the iterations' spread")
                .append(" (WrongoDB's slowest over the other's fastest, up to the reverse) straddles the target, the")
                .append(" verdict is marked *within noise*.\n\n");
        out.append("| Target |");
        valueSizes.forEach(v -> out.append(' ').append(v).append(" B values |"));
        out.append("\n|---|");
        valueSizes.forEach(v -> out.append("---|"));
        out.append('\n');
        for (Target target : TARGETS) {
            out.append("| ").append(target.label).append(" |");
            for (int valueSize : valueSizes) {
                Ratio r = ratio(target.workload, target.other, valueSize);
                out.append(' ')
                        .append(r == null ? "–" : verdict(r, target.atLeast))
                        .append(" |");
            }
            out.append('\n');
        }

        out.append("\n### Engine settings\n\n");
        out.append("No engine syncs a write on its own; each load ends with one durable sync.\n\n");
        for (String engine : Engines.ALL) {
            out.append("- **").append(displayName(engine)).append(":** ");
            out.append(Engines.SETTINGS.get(engine)).append('\n');
        }
        out.append('\n').append(SECTION.end()).append('\n');
        return out.toString();
    }

    private Ratio ratio(Workload workload, String other, int valueSize) {
        Rate wrongo = rates.get(new Key(workload, W, valueSize));
        Rate them = rates.get(new Key(workload, other, valueSize));
        return wrongo == null || them == null ? null : Ratio.of(wrongo, them);
    }

    static String verdict(Ratio r, double atLeast) {
        boolean met = r.mean >= atLeast;
        boolean straddles = r.low < atLeast && r.high >= atLeast;
        return String.format(
                Locale.ROOT,
                "%.2f× — **%s**%s (spread %.2f–%.2f×)",
                r.mean,
                met ? "met" : "not met",
                straddles ? ", within noise" : "",
                r.low,
                r.high);
    }

    static String formatRate(Rate rate) {
        if (rate.iterations <= 1) {
            return compact(rate.mean);
        }
        return compact(rate.mean) + " (" + compact(rate.min) + "–" + compact(rate.max) + ")";
    }

    /** 1234567 as "1.23 M", 45678 as "45.7 k". */
    static String compact(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String displayName(String engine) {
        return switch (engine) {
            case Engines.WRONGODB -> "WrongoDB";
            case Engines.LMDB -> "LMDB";
            case Engines.ROCKSDB -> "RocksDB";
            case Engines.MVSTORE -> "MVStore";
            default -> engine;
        };
    }

    static String duration(long seconds) {
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }
}
