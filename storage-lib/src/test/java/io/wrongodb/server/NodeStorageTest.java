package io.wrongodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrongodb.repl.NodeRole;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.TableCursor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node opens its storage engine on its data directory when it starts, and closes it when it stops. */
class NodeStorageTest {
    @TempDir
    Path dir;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEngineLivesInTheDataDirectoryAndKeepsItsDataAcrossRestarts() throws Exception {
        try (RunningNode running = RunningNode.primary(dir)) {
            Connection storage = running.node().storage();
            assertThat(Files.exists(dir.resolve(Connection.FILE_NAME))).isTrue();
            assertThat(Files.isDirectory(dir.resolve(Connection.LOG_DIRECTORY))).isTrue();
            storage.createTable("t");
            storage.openSession().openCursor("t").put(bytes("k"), bytes("v"));
        }
        try (RunningNode running = RunningNode.primary(dir)) {
            TableCursor cursor = running.node().storage().openSession().openCursor("t");
            assertThat(cursor.search(bytes("k"))).isTrue();
            assertThat(cursor.value()).isEqualTo(bytes("v"));
        }
    }

    @Test
    void theEngineIsConfiguredFromTheNodesSettings() {
        NodeConfig config = new NodeConfig(
                NodeRole.PRIMARY,
                dir,
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                32L << 20,
                Duration.ofSeconds(5),
                Duration.ofMillis(30),
                Duration.ofSeconds(10));
        StorageConfig storage = Node.storageConfig(config);
        assertThat(storage.cacheSizeBytes()).isEqualTo(32L << 20);
        assertThat(storage.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(storage.wal().commitInterval()).isEqualTo(Duration.ofMillis(30));
        assertThat(storage.logEnabled()).isTrue();
    }

    @Test
    void aNodeThatCannotListenClosesItsEngine() throws Exception {
        try (RunningNode first = RunningNode.primary(dir.resolve("first"))) {
            NodeConfig clash = NodeConfig.primary(dir.resolve("second"));
            clash = new NodeConfig(
                    clash.role(),
                    clash.dbPath(),
                    clash.bindHost(),
                    first.port(),
                    clash.nodeName(),
                    clash.replicaSet(),
                    clash.syncSource(),
                    clash.cacheSizeBytes(),
                    clash.checkpointInterval(),
                    clash.journalCommitInterval(),
                    clash.readyMaxLag());
            NodeConfig taken = clash;
            assertThatThrownBy(() -> RunningNode.start(taken)).isInstanceOf(IllegalStateException.class);
            // Its directory was closed cleanly: it opens again, with nothing to replay.
            try (Connection reopened = Connection.open(dir.resolve("second"), StorageConfig.defaults())) {
                assertThat(reopened.recovery().recordsReplayed()).isZero();
            }
        }
    }
}
