package io.wrongodb.bench.wire;

import io.wrongodb.bench.MarkedSection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the wire benchmark's section of docs/benchmarks.md: operations per second per server and the ratios. */
final class WireReport {
    static final String BEGIN = "<!-- wire-bench:begin -->";
    static final String END = "<!-- wire-bench:end -->";

    private WireReport() {}

    static void write(
            Path report,
            Map<String, Map<String, List<Double>>> results,
            int documents,
            int seconds,
            int threads,
            int rounds,
            String command,
            String note)
            throws IOException {
        StringBuilder md = new StringBuilder(BEGIN).append('\n');
        md.append("## Over the wire: WrongoDB vs mongo-java-server 1.47.0\n\n");
        md.append("Written by `")
                .append(command)
                .append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(". The official Java driver with ")
                .append(threads)
                .append(" client threads against each server,")
                .append(" started fresh in the benchmark's JVM: ")
                .append(documents)
                .append(" inserts of 1 KB documents (insertOne each), then ")
                .append(seconds)
                .append(" s of point reads by `_id` and ")
                .append(seconds)
                .append(" s of range queries returning 10 documents on an indexed field. Median of ")
                .append(rounds)
                .append(" rounds; in each round every server runs once. WrongoDB runs with its defaults (w:1"
                        + " acknowledged once the commit is in the log buffer, fsync every 100 ms, checkpoints);"
                        + " mongo-java-server's memory backend keeps nothing on disk and its H2 backend writes an"
                        + " MVStore file.\n\n");
        if (!note.isEmpty()) {
            md.append("Note: ").append(note).append("\n\n");
        }
        List<String> workloads = List.copyOf(results.get("wrongodb").keySet());
        md.append(
                "| workload | wrongodb ops/s | mjs-memory ops/s | mjs-h2 ops/s | wrongodb / memory | wrongodb / h2 |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (String workload : workloads) {
            double w = WireBench.median(results.get("wrongodb").get(workload));
            double m = WireBench.median(results.get("mjs-memory").get(workload));
            double h = WireBench.median(results.get("mjs-h2").get(workload));
            md.append(String.format(
                    Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f× | %.2f× |%n", workload, w, m, h, w / m, w / h));
        }
        md.append("\nEvery round (ops/s):\n\n");
        for (Map.Entry<String, Map<String, List<Double>>> server : results.entrySet()) {
            for (Map.Entry<String, List<Double>> workload : server.getValue().entrySet()) {
                md.append("- ")
                        .append(server.getKey())
                        .append(", ")
                        .append(workload.getKey())
                        .append(": ");
                md.append(String.join(
                        ", ",
                        workload.getValue().stream()
                                .map(v -> String.format(Locale.ROOT, "%,.0f", v))
                                .toList()));
                md.append('\n');
            }
        }
        md.append(END).append('\n');
        writeSection(report, md.toString());
    }

    private static void writeSection(Path report, String section) throws IOException {
        new MarkedSection(BEGIN, END).writeInto(report, section);
    }
}
