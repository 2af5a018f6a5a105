package io.wrongodb.node;

import io.wrongodb.server.Node;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the node is running; a node that stopped serving should be restarted. */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {
    private final NodeLifecycle lifecycle;

    public NodeLiveness(NodeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        Node node = lifecycle.node();
        return HealthCheckResponse.named("wrongodb-node")
                .status(node != null && node.isRunning())
                .build();
    }
}
