package io.wrongodb.wire;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.wrongodb.command.ClientConnection;
import io.wrongodb.command.RamLog;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TCP server that speaks MongoDB's wire protocol, on a Vert.x instance owned by the caller (Quarkus's, in the
 * node apps). {@link #close()} releases the port and closes every connection; the Vert.x instance lives on.
 */
public final class WireServer {
    private final Vertx vertx;
    private final WireRequestHandler handler;
    private final WireMetrics metrics;
    private final RamLog log;
    private final AtomicLong nextConnectionId = new AtomicLong();
    private NetServer server;

    public WireServer(Vertx vertx, WireRequestHandler handler, WireMetrics metrics, RamLog log) {
        this.vertx = vertx;
        this.handler = handler;
        this.metrics = metrics;
        this.log = log;
    }

    /** Starts listening; completes with the bound port (the real one when {@code port} is 0). */
    public synchronized Future<Integer> listen(String host, int port) {
        if (server != null) {
            return Future.failedFuture(new IllegalStateException("the wire server is already listening"));
        }
        NetServerOptions options = new NetServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setReuseAddress(true);
        server = vertx.createNetServer(options).connectHandler(socket -> {
            ClientConnection client =
                    new ClientConnection(nextConnectionId.incrementAndGet(), format(socket.remoteAddress()));
            new WireConnection(vertx, socket, client, handler, metrics, log).start();
        });
        return server.listen().map(NetServer::actualPort);
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the wire server is not listening");
        }
        return server.actualPort();
    }

    public synchronized Future<Void> close() {
        if (server == null) {
            return Future.succeededFuture();
        }
        NetServer closing = server;
        server = null;
        return closing.close();
    }

    private static String format(SocketAddress address) {
        return address.hostAddress() + ":" + address.port();
    }
}
