package io.wrongodb.node;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The {@code wrongodb.*} configuration keys; each can be overridden by an environment variable (WRONGODB_PORT…). */
@ConfigMapping(prefix = "wrongodb")
public interface WrongoConfig {
    /** primary or secondary; each app sets its own. */
    String role();

    /** Folder holding the node's data files. */
    @WithDefault("data")
    String dbPath();

    /** Address the wire server binds to. */
    @WithDefault("0.0.0.0")
    String bindHost();

    /** Wire protocol port; 0 picks a free one (tests). */
    @WithDefault("27017")
    int port();

    /** host:port this node gives as {@code me}; defaults to localhost and the bound port. */
    Optional<String> nodeName();

    /** Replica set name; a primary without one is a standalone. */
    Optional<String> replicaSet();

    /** host:port of the node a secondary replicates from. */
    Optional<String> syncSource();

    /** Bytes the page cache may hold. */
    @WithDefault("256M")
    MemorySize cacheSize();

    @WithDefault("60s")
    Duration checkpointInterval();

    @WithDefault("100ms")
    Duration journalCommitInterval();

    /** How far behind its sync source a secondary may be and still report ready. */
    @WithDefault("10s")
    Duration readyMaxLag();
}
