package io.wrongodb.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.wrongodb.repl.NodeRole;
import io.wrongodb.server.NodeConfig;
import io.wrongodb.server.RunningNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hello as replica set members give it, and a driver discovering the set from it. */
class ReplicaSetHelloTest {
    @TempDir
    Path dbPath;

    @Test
    void aPrimaryAnnouncesItselfAsTheSetsPrimary() throws Exception {
        try (RunningNode node = RunningNode.start(NodeConfig.primary(dbPath).withReplicaSet("rs0"));
                MongoClient client = node.directClient()) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            String me = "localhost:" + node.port();
            assertThat(hello.getString("setName")).isEqualTo("rs0");
            assertThat(hello.getList("hosts", String.class)).containsExactly(me);
            assertThat(hello.getString("me")).isEqualTo(me);
            assertThat(hello.getString("primary")).isEqualTo(me);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getBoolean("secondary")).isFalse();
            assertThat(hello.getInteger("setVersion")).isEqualTo(1);
        }
    }

    @Test
    void aDriverWithoutDirectConnectionDiscoversThePrimary() throws Exception {
        try (RunningNode node = RunningNode.start(NodeConfig.primary(dbPath).withReplicaSet("rs0"));
                MongoClient client =
                        MongoClients.create("mongodb://localhost:" + node.port() + "/?serverSelectionTimeoutMS=5000")) {
            assertThat(client.getDatabase("admin")
                            .runCommand(new Document("ping", 1))
                            .get("ok"))
                    .isEqualTo(1.0);
            assertThat(client.getClusterDescription().getType().name()).isEqualTo("REPLICA_SET");
        }
    }

    @Test
    void aSecondaryNamesItsSyncSourceAsPrimary() throws Exception {
        NodeConfig config = new NodeConfig(
                NodeRole.SECONDARY,
                dbPath,
                "127.0.0.1",
                0,
                Optional.of("db-1.example:27017"),
                Optional.of("rs0"),
                Optional.of("db-0.example:27017"),
                64L << 20,
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                Duration.ofSeconds(10));
        try (RunningNode node = RunningNode.start(config);
                MongoClient client = node.directClient()) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isFalse();
            assertThat(hello.getBoolean("secondary")).isTrue();
            assertThat(hello.getString("primary")).isEqualTo("db-0.example:27017");
            assertThat(hello.getString("me")).isEqualTo("db-1.example:27017");
            assertThat(hello.getList("hosts", String.class))
                    .containsExactly("db-0.example:27017", "db-1.example:27017");
            Document legacy = client.getDatabase("admin").runCommand(new Document("isMaster", 1));
            assertThat(legacy.getBoolean("ismaster")).isFalse();
        }
    }

    @Test
    void aSecondaryWithoutSyncSourceIsRefusedAtStart() {
        assertThatThrownBy(() -> new NodeConfig(
                        NodeRole.SECONDARY,
                        dbPath,
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        Optional.of("rs0"),
                        Optional.empty(),
                        64L << 20,
                        Duration.ofSeconds(60),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sync-source");
    }

    @Test
    void clientMetadataCannotChangeOnAConnection() throws Exception {
        try (RunningNode node = RunningNode.primary(dbPath);
                MongoClient client = node.directClient()) {
            Document other = new Document("application", new Document("name", "impostor"));
            assertThatThrownBy(() ->
                            client.getDatabase("admin").runCommand(new Document("hello", 1).append("client", other)))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(186);
                        assertThat(e.getErrorCodeName()).isEqualTo("ClientMetadataCannotBeMutated");
                    });
        }
    }
}
