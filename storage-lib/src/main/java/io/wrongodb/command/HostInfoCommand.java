package io.wrongodb.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * {@code hostInfo}: the machine the server runs on, in mongod 7.0's shape: {@code system} (time, host name, address
 * size, memory, cores, CPU architecture), {@code os} (type, distribution name and version, from /etc/os-release on
 * Linux) and {@code extra} (kernel version). Fields mongod reads from Linux's /proc about CPUs and NUMA are left out.
 */
public final class HostInfoCommand implements Command {
    private final ServerProcess process;

    public HostInfoCommand(ServerProcess process) {
        this.process = process;
    }

    @Override
    public String name() {
        return "hostInfo";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        int cores = Runtime.getRuntime().availableProcessors();
        BsonDocument system = new BsonDocument("currentTime", new BsonDateTime(System.currentTimeMillis()))
                .append("hostname", new BsonString(process.hostAndPort()))
                .append("cpuAddrSize", new BsonInt32("32".equals(System.getProperty("sun.arch.data.model")) ? 32 : 64))
                .append("memSizeMB", new BsonInt64(memoryBytes() / (1024 * 1024)))
                .append("numCores", new BsonInt32(cores))
                .append("cpuArch", new BsonString(cpuArch()))
                .append("numaEnabled", BsonBoolean.FALSE);
        Map<String, String> release = osRelease();
        String osType = System.getProperty("os.name", "unknown");
        BsonDocument os = new BsonDocument("type", new BsonString(osType))
                .append(
                        "name",
                        new BsonString(release.getOrDefault("PRETTY_NAME", release.getOrDefault("NAME", osType))))
                .append(
                        "version",
                        new BsonString(
                                release.getOrDefault("VERSION_ID", System.getProperty("os.version", "unknown"))));
        String kernel = System.getProperty("os.version", "unknown");
        BsonDocument extra = new BsonDocument("versionString", new BsonString(osType + " version " + kernel))
                .append("kernelVersion", new BsonString(kernel));
        return new BsonDocument("system", system).append("os", os).append("extra", extra);
    }

    /** The machine's memory; the JVM's maximum heap when the platform does not say. */
    private static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The architecture as mongod names it ({@code x86_64}, {@code aarch64}), not as Java does ({@code amd64}). */
    private static String cpuArch() {
        String arch = System.getProperty("os.arch", "unknown");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch;
        };
    }

    /** The KEY=value lines of /etc/os-release, unquoted; empty where there is none. */
    private static Map<String, String> osRelease() {
        Map<String, String> values = new HashMap<>();
        Path file = Path.of("/etc/os-release");
        if (!Files.isReadable(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(
                            line.substring(0, equals).trim(),
                            line.substring(equals + 1).trim().replace("\"", ""));
                }
            }
        } catch (IOException e) {
            values.clear();
        }
        return values;
    }
}
