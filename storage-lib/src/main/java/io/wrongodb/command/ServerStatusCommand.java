package io.wrongodb.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code serverStatus} (in any database): the process ({@code host, version, process, pid, uptime*, localTime}) and
 * the sections {@code asserts}, {@code connections}, {@code opcounters}, {@code mem}, {@code metrics} (only
 * {@code metrics.ttl}) and {@code storageEngine} with
 * mongod 7.0's field names. A section given as {@code 0} or {@code false} ({@code {serverStatus: 1, mem: 0}}) is
 * left out; sections WrongoDB does not have ({@code repl}, {@code wiredTiger}, {@code network}...) are never sent.
 *
 * <p>{@code asserts.user} counts commands that answered an error; the other assert counters stay 0.
 * {@code connections.available} assumes mongod's default limit of 1,000,000 connections: WrongoDB enforces none.
 */
public final class ServerStatusCommand implements Command {
    private static final int MAX_CONNECTIONS = 1_000_000;
    private static final long MIB = 1024 * 1024;

    private final ServerProcess process;
    private final OpCounters opCounters;
    private final CurrentOps currentOps;
    private final Supplier<TtlMonitor> ttlMonitor;

    public ServerStatusCommand(ServerProcess process, OpCounters opCounters, CurrentOps currentOps) {
        this(process, opCounters, currentOps, () -> null);
    }

    /** With {@code metrics.ttl} from the node's TTL monitor (null until the node has started it). */
    public ServerStatusCommand(
            ServerProcess process, OpCounters opCounters, CurrentOps currentOps, Supplier<TtlMonitor> ttlMonitor) {
        this.process = process;
        this.opCounters = opCounters;
        this.currentOps = currentOps;
        this.ttlMonitor = ttlMonitor;
    }

    @Override
    public String name() {
        return "serverStatus";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        long uptimeMillis = process.uptimeMillis();
        BsonDocument reply = new BsonDocument("host", new BsonString(process.hostAndPort()))
                .append("version", new BsonString(ServerVersion.MONGODB_VERSION))
                .append("process", new BsonString("mongod"))
                .append("pid", new BsonInt64(ServerProcess.pid()))
                .append("uptime", new BsonDouble(uptimeMillis / 1000))
                .append("uptimeMillis", new BsonInt64(uptimeMillis))
                .append("uptimeEstimate", new BsonInt64(uptimeMillis / 1000))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()));
        for (Map.Entry<String, Supplier<BsonDocument>> section : sections().entrySet()) {
            if (!excluded(request.body().get(section.getKey()))) {
                reply.append(section.getKey(), section.getValue().get());
            }
        }
        return reply;
    }

    private Map<String, Supplier<BsonDocument>> sections() {
        Map<String, Supplier<BsonDocument>> sections = new LinkedHashMap<>();
        sections.put("asserts", this::asserts);
        sections.put("connections", this::connections);
        sections.put("mem", ServerStatusCommand::memory);
        sections.put("metrics", this::metrics);
        sections.put("opcounters", opCounters::toDocument);
        sections.put("storageEngine", ServerStatusCommand::storageEngine);
        return sections;
    }

    /** {@code {section: 0}} and {@code {section: false}} leave a section out, as in mongod. */
    private static boolean excluded(BsonValue value) {
        if (value == null) {
            return false;
        }
        if (value.isBoolean()) {
            return !value.asBoolean().getValue();
        }
        return value.isNumber() && value.asNumber().doubleValue() == 0;
    }

    /** {@code metrics.ttl}: documents the TTL monitor deleted and passes it made. */
    private BsonDocument metrics() {
        TtlMonitor monitor = ttlMonitor.get();
        long deleted = monitor == null ? 0 : monitor.deletedDocuments();
        long passes = monitor == null ? 0 : monitor.passes();
        return new BsonDocument(
                "ttl",
                new BsonDocument("deletedDocuments", new BsonInt64(deleted)).append("passes", new BsonInt64(passes)));
    }

    private BsonDocument asserts() {
        return new BsonDocument("regular", new BsonInt32(0))
                .append("warning", new BsonInt32(0))
                .append("msg", new BsonInt32(0))
                .append("user", new BsonInt32((int) Math.min(Integer.MAX_VALUE, opCounters.userAsserts())))
                .append("tripwire", new BsonInt32(0))
                .append("rollovers", new BsonInt32(0));
    }

    private BsonDocument connections() {
        int current = process.openConnections();
        return new BsonDocument("current", new BsonInt32(current))
                .append("available", new BsonInt32(Math.max(0, MAX_CONNECTIONS - current)))
                .append("totalCreated", new BsonInt32((int) Math.min(Integer.MAX_VALUE, process.connectionsCreated())))
                .append("rejected", new BsonInt32(0))
                .append("active", new BsonInt32((int) currentOps.activeConnections()));
    }

    /** Resident and virtual size of the process in MiB: from Linux's /proc when there, else from the JVM. */
    private static BsonDocument memory() {
        long resident = residentBytes();
        long virtual = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            virtual = os.getCommittedVirtualMemorySize();
        }
        if (virtual < 0) {
            virtual = Runtime.getRuntime().totalMemory();
        }
        return new BsonDocument("bits", new BsonInt32("32".equals(System.getProperty("sun.arch.data.model")) ? 32 : 64))
                .append("resident", new BsonInt32((int) (resident / MIB)))
                .append("virtual", new BsonInt32((int) (virtual / MIB)))
                .append("supported", BsonBoolean.TRUE);
    }

    private static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall back to the JVM's view below
            }
        }
        return Runtime.getRuntime().totalMemory();
    }

    private static BsonDocument storageEngine() {
        return new BsonDocument("name", new BsonString("wrongodb"))
                .append("supportsCommittedReads", BsonBoolean.TRUE)
                .append("readOnly", BsonBoolean.FALSE)
                .append("persistent", BsonBoolean.TRUE);
    }
}
