package io.wrongodb.server;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A node on a free port with its own Vert.x, for tests that talk to it through real clients. */
public final class RunningNode implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Node node;

    private RunningNode(NodeConfig config) {
        this.node = Node.start(config, vertx, meters);
    }

    public static RunningNode start(NodeConfig config) {
        return new RunningNode(config);
    }

    public static RunningNode primary(Path dbPath) {
        return start(NodeConfig.primary(dbPath));
    }

    public Node node() {
        return node;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    public int port() {
        return node.port();
    }

    /** A driver client that talks to this node only, as mongosh does with directConnection. */
    public MongoClient directClient() {
        return MongoClients.create(
                "mongodb://127.0.0.1:" + port() + "/?directConnection=true&serverSelectionTimeoutMS=5000");
    }

    @Override
    public void close() throws Exception {
        node.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
