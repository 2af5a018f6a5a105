package io.wrongodb.driver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.wrongodb.server.Node;
import io.wrongodb.server.NodeConfig;
import java.nio.file.Path;

/**
 * A node in a process of its own, for crash tests: starts on the data directory given as the argument, prints
 * {@code PORT <n>} and serves until it is killed.
 */
public final class NodeProcess {
    private NodeProcess() {}

    public static void main(String[] args) throws Exception {
        Node node = Node.start(NodeConfig.primary(Path.of(args[0])), Vertx.vertx(), new SimpleMeterRegistry());
        System.out.println("PORT " + node.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
