package io.wrongodb.node;

import io.wrongodb.server.Node;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the node accepts clients. Today that means its data directory is open and its wire server listens;
 * the storage engine's recovery (primary) and the lag to the sync source (secondary) join this check when those
 * subsystems land.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {
    private final NodeLifecycle lifecycle;

    public NodeReadiness(NodeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        Node node = lifecycle.node();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("wrongodb-node");
        if (node == null || !node.isRunning()) {
            return response.down().build();
        }
        response.up()
                .withData("role", node.config().role().name().toLowerCase())
                .withData("port", node.port())
                .withData("me", node.replicaSet().me());
        node.config().replicaSet().ifPresent(name -> response.withData("replicaSet", name));
        return response.build();
    }
}
