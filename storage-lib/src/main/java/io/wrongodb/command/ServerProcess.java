package io.wrongodb.command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The running server as {@code serverStatus} and {@code hostInfo} describe it: when it started, the port it listens
 * on, its host name, and the client connections the wire layer counts (open now, accepted since start).
 */
public final class ServerProcess {
    /** The port mongod leaves out of its host name. */
    static final int DEFAULT_PORT = 27017;

    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final IntSupplier port;
    private final IntSupplier openConnections;
    private final LongSupplier connectionsCreated;

    public ServerProcess(IntSupplier port, IntSupplier openConnections, LongSupplier connectionsCreated) {
        this.port = port;
        this.openConnections = openConnections;
        this.connectionsCreated = connectionsCreated;
    }

    long startMillis() {
        return startMillis;
    }

    long uptimeMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    int openConnections() {
        return openConnections.getAsInt();
    }

    long connectionsCreated() {
        return connectionsCreated.getAsLong();
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The machine's name, resolved once for the process. */
    static String machineName() {
        return MachineName.NAME;
    }

    private static final class MachineName {
        static final String NAME = resolve();

        private static String resolve() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }

    /** mongod's "pretty" host name: the machine's name, with {@code :port} unless the port is the default one. */
    String hostAndPort() {
        int listening = port.getAsInt();
        return listening == DEFAULT_PORT ? machineName() : machineName() + ":" + listening;
    }
}
