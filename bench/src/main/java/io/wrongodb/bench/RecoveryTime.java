package io.wrongodb.bench;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.wal.LogScanner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long WrongoDB takes to come back after a crash, per 100 MB of write-ahead log to replay. A child JVM
 * ({@link LogFiller}) writes about {@code megabytes} of log without ever checkpointing and is killed with SIGKILL,
 * as a crashed server would be; this JVM then times {@code Connection.open} on its directory, which replays the
 * whole log into the tables and checkpoints the result. A real kill, not a close skipped in-process, so nothing
 * the child held in memory can help.
 *
 * <p>The log files were just written, so recovery reads them from the OS page cache, not the device: the time is
 * replay's own cost plus the checkpoint's writes and fsync.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.wrongodb.bench.RecoveryTime [megabytes]    (default 100)
 * </pre>
 *
 * Writes {@code recovery.properties} to {@link SyncCommit#resultsDirectory()}.
 */
public final class RecoveryTime {
    private static final int SIGKILL_STATUS = 137;

    private RecoveryTime() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 100;
        Path directory = Workload.baseDirectory().resolve("recovery");
        Workload.deleteRecursively(directory);

        long writeStart = System.nanoTime();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms2g",
                        "-Xmx2g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LogFiller.class.getName(),
                        directory.toString(),
                        Long.toString(megabytes))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long logged = awaitLogged(child);
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        child.destroyForcibly(); // SIGKILL on Unix
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the log writer did not die");
        }
        if (child.exitValue() != SIGKILL_STATUS) {
            System.err.println("log writer exited with " + child.exitValue() + ", expected " + SIGKILL_STATUS);
        }

        StorageConfig config = StorageConfig.defaults();
        long openStart = System.nanoTime();
        Connection connection = Connection.open(directory, config);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        LogScanner.Result recovery = connection.recovery();
        connection.close();
        Workload.deleteRecursively(directory);

        // The log starts at file 1 in a fresh directory; files before the last are counted as full (each one's
        // unused tail is smaller than one record).
        long logBytes = (recovery.end().file() - 1L) * config.wal().fileSize()
                + recovery.end().offset();
        double megabytesReplayed = logBytes / 1e6;
        double secondsPer100Mb = openSeconds / megabytesReplayed * 100;
        String summary = String.format(
                Locale.ROOT,
                "recovery: %,d records (%.1f MB of log) replayed by Connection.open in %.2f s: %.2f s per 100 MB"
                        + " (the writer logged %,d puts in %.1f s before it was killed)",
                recovery.recordsReplayed(),
                megabytesReplayed,
                openSeconds,
                secondsPer100Mb,
                logged,
                writeSeconds);
        System.out.println(summary);

        Path results = SyncCommit.resultsDirectory();
        Files.createDirectories(results);
        Files.writeString(
                results.resolve("recovery.properties"),
                "# " + summary + "\n"
                        + "putsLogged=" + logged + "\n"
                        + "recordsReplayed=" + recovery.recordsReplayed() + "\n"
                        + "logBytes=" + logBytes + "\n"
                        + "openSeconds=" + openSeconds + "\n"
                        + "writeSeconds=" + writeSeconds + "\n");
    }

    /** Waits for the child's {@code LOGGED n} line; returns n. */
    private static long awaitLogged(Process child) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("LOGGED ")) {
                return Long.parseLong(line.substring("LOGGED ".length()).trim());
            }
            System.out.println("log writer: " + line);
        }
        throw new IllegalStateException("the log writer exited with " + waitForExit(child) + " before logging");
    }

    private static int waitForExit(Process child) {
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
