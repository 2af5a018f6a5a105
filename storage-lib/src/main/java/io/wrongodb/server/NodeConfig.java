package io.wrongodb.server;

import io.wrongodb.repl.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a node is started with. The node apps fill it from Quarkus configuration ({@code wrongodb.*} keys);
 * tests build it directly.
 *
 * @param nodeName the address this node gives as {@code me} in hello; {@code localhost:<port>} when absent
 * @param replicaSet the replica set name; a primary without one runs as a standalone
 * @param syncSource host:port of the node a secondary replicates from
 * @param cacheSizeBytes bytes the storage engine's page cache may hold
 * @param checkpointInterval time between checkpoints while serving
 * @param journalCommitInterval longest time a write waits in the log buffer before an fsync
 * @param readyMaxLag how far a secondary may lag its sync source and still report ready
 */
public record NodeConfig(
        NodeRole role,
        Path dbPath,
        String bindHost,
        int port,
        Optional<String> nodeName,
        Optional<String> replicaSet,
        Optional<String> syncSource,
        long cacheSizeBytes,
        Duration checkpointInterval,
        Duration journalCommitInterval,
        Duration readyMaxLag) {

    public NodeConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(dbPath, "dbPath");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (role == NodeRole.SECONDARY && (replicaSet.isEmpty() || syncSource.isEmpty())) {
            throw new IllegalArgumentException(
                    "a secondary needs wrongodb.replica-set and wrongodb.sync-source (host:port of its primary)");
        }
    }

    /** A primary on a free port with the engine's defaults; what tests start. */
    public static NodeConfig primary(Path dbPath) {
        return new NodeConfig(
                NodeRole.PRIMARY,
                dbPath,
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                256L * 1024 * 1024,
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                Duration.ofSeconds(10));
    }

    public NodeConfig withReplicaSet(String name) {
        return new NodeConfig(
                role,
                dbPath,
                bindHost,
                port,
                nodeName,
                Optional.of(name),
                syncSource,
                cacheSizeBytes,
                checkpointInterval,
                journalCommitInterval,
                readyMaxLag);
    }
}
