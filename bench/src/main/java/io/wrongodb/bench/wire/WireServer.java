package io.wrongodb.bench.wire;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.wrongodb.server.Node;
import io.wrongodb.server.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the wire benchmark talks to, started in this JVM on a free port: a WrongoDB node on a data directory,
 * or mongo-java-server with its memory or H2 (file) backend. mongo-java-server is told to report wire version 21
 * (MongoDB 7.0), which the 5.x drivers require.
 */
interface WireServer extends AutoCloseable {
    String name();

    int port();

    @Override
    void close() throws Exception;

    /** The names the benchmark knows, in the order it runs them. */
    List<String> NAMES = List.of("wrongodb", "mjs-memory", "mjs-h2");

    static WireServer start(String name, Path dataDir) {
        return switch (name) {
            case "wrongodb" -> new WrongoServer(dataDir);
            case "mjs-memory" -> new PeerServer(name, new MongoServer(new MemoryBackend().version(MONGO_7)), null);
            case "mjs-h2" -> {
                H2Backend backend = new H2Backend(dataDir.resolve("mjs.mv").toString());
                backend.version(MONGO_7);
                yield new PeerServer(name, new MongoServer(backend), backend);
            }
            default -> throw new IllegalArgumentException("unknown server " + name + "; known: " + NAMES);
        };
    }

    /** MongoDB 7.0 as mongo-java-server reports it: version 7.0.0, wire version 21. */
    MongoVersion MONGO_7 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(7, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 21;
        }
    };

    /** A WrongoDB node with default settings (w:1 commits buffered, log fsynced every 100 ms). */
    final class WrongoServer implements WireServer {
        private final Vertx vertx = Vertx.vertx();
        private final Node node;

        WrongoServer(Path dataDir) {
            node = Node.start(NodeConfig.primary(dataDir), vertx, new SimpleMeterRegistry());
        }

        @Override
        public String name() {
            return "wrongodb";
        }

        @Override
        public int port() {
            return node.port();
        }

        @Override
        public void close() throws Exception {
            node.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** mongo-java-server on one of its backends. */
    final class PeerServer implements WireServer {
        private final String name;
        private final MongoServer server;
        private final H2Backend h2;
        private final InetSocketAddress address;

        PeerServer(String name, MongoServer server, H2Backend h2) {
            this.name = name;
            this.server = server;
            this.h2 = h2;
            this.address = server.bind();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int port() {
            return address.getPort();
        }

        @Override
        public void close() {
            server.shutdownNow();
            if (h2 != null) {
                h2.close();
            }
        }
    }
}
