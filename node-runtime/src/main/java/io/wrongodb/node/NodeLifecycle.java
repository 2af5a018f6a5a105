package io.wrongodb.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.wrongodb.repl.NodeRole;
import io.wrongodb.server.Node;
import io.wrongodb.server.NodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts the node when Quarkus starts and stops it when Quarkus stops. The wire server runs on the Vert.x instance
 * Quarkus manages; that instance survives a dev-mode reload, so stopping here must close the server (and wait for
 * the port to be released) or the reloaded app could not bind again.
 */
@ApplicationScoped
public class NodeLifecycle {
    private static final Logger LOG = Logger.getLogger(NodeLifecycle.class);

    private final WrongoConfig config;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private volatile Node node;

    public NodeLifecycle(WrongoConfig config, Vertx vertx, MeterRegistry meters) {
        this.config = config;
        this.vertx = vertx;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        node = Node.start(toNodeConfig(config), vertx, meters);
        LOG.infof(
                "WrongoDB %s listening on %s:%d (replica set: %s)",
                node.config().role().name().toLowerCase(),
                node.config().bindHost(),
                node.port(),
                node.config().replicaSet().orElse("none, standalone"));
    }

    void onStop(@Observes ShutdownEvent event) {
        Node running = node;
        node = null;
        if (running != null) {
            running.close();
            LOG.info("WrongoDB wire server closed");
        }
    }

    /** The running node, or null before start and after stop. */
    public Node node() {
        return node;
    }

    static NodeConfig toNodeConfig(WrongoConfig config) {
        return new NodeConfig(
                NodeRole.parse(config.role()),
                Path.of(config.dbPath()),
                config.bindHost(),
                config.port(),
                config.nodeName(),
                config.replicaSet(),
                config.syncSource(),
                config.cacheSize().asLongValue(),
                config.checkpointInterval(),
                config.journalCommitInterval(),
                config.readyMaxLag());
    }
}
