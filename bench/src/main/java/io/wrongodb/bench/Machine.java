package io.wrongodb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a report's numbers come from, in one line: they mean little without it. */
final class Machine {
    private Machine() {}

    /** Cores, CPU model and memory (from /proc on Linux), operating system and architecture. */
    static String describe() {
        String cpu = "unknown CPU";
        long memoryKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: say less.
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return cores + " cores (" + cpu + ")"
                + (memoryKb > 0 ? String.format(Locale.ROOT, ", %.1f GiB RAM", memoryKb / 1024.0 / 1024.0) : "")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }
}
