package io.wrongodb.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.wrongodb.server.RunningNode;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handshake and diagnostic commands, sent by the official Java driver to a standalone node. */
class HandshakeCommandsTest {
    @TempDir
    static Path dbPath;

    static RunningNode node;
    static MongoClient client;
    static MongoDatabase admin;

    @BeforeAll
    static void start() {
        node = RunningNode.primary(dbPath);
        client = node.directClient();
        admin = client.getDatabase("admin");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        node.close();
    }

    @Test
    void pingAnswersOk() {
        assertThat(admin.runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
    }

    @Test
    void helloDescribesAStandaloneWithMongoDb70Limits() {
        Document hello = admin.runCommand(new Document("hello", 1));
        assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
        assertThat(hello).doesNotContainKeys("setName", "hosts", "secondary", "ismaster");
        assertThat(hello.getInteger("maxBsonObjectSize")).isEqualTo(16_777_216);
        assertThat(hello.getInteger("maxMessageSizeBytes")).isEqualTo(48_000_000);
        assertThat(hello.getInteger("maxWriteBatchSize")).isEqualTo(100_000);
        assertThat(hello.getInteger("minWireVersion")).isEqualTo(0);
        assertThat(hello.getInteger("maxWireVersion")).isEqualTo(21);
        assertThat(hello.getInteger("logicalSessionTimeoutMinutes")).isEqualTo(30);
        assertThat(hello.getDate("localTime")).isCloseTo(new java.util.Date(), 60_000);
        assertThat(hello.get("connectionId")).isInstanceOf(Number.class);
        assertThat(hello.getBoolean("readOnly")).isFalse();
        assertThat(hello.get("ok")).isEqualTo(1.0);
    }

    @Test
    void legacyIsMasterAnswersWithIsmasterAndHelloOk() {
        Document reply = admin.runCommand(new Document("isMaster", 1).append("helloOk", true));
        assertThat(reply.getBoolean("ismaster")).isTrue();
        assertThat(reply.getBoolean("helloOk")).isTrue();
        assertThat(reply).doesNotContainKey("isWritablePrimary");
    }

    @Test
    void eachConnectionHasItsOwnId() {
        long first = ((Number) admin.runCommand(new Document("hello", 1)).get("connectionId")).longValue();
        try (MongoClient other = node.directClient()) {
            long second = ((Number) other.getDatabase("admin")
                            .runCommand(new Document("hello", 1))
                            .get("connectionId"))
                    .longValue();
            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void buildInfoReportsA70VersionAndNamesWrongoDb() {
        Document info = admin.runCommand(new Document("buildInfo", 1));
        assertThat(info.getString("version")).startsWith("7.0.");
        assertThat(info.getList("versionArray", Integer.class)).hasSize(4).startsWith(7, 0);
        assertThat(info.getInteger("maxBsonObjectSize")).isEqualTo(16_777_216);
        assertThat(info.get("wrongodb", Document.class).getString("version"))
                .isNotBlank()
                .isNotEqualTo("unknown");
    }

    @Test
    void getParameterReturnsTheFeatureCompatibilityVersion() {
        Document reply = admin.runCommand(new Document("getParameter", 1).append("featureCompatibilityVersion", 1));
        assertThat(reply.get("featureCompatibilityVersion", Document.class).getString("version"))
                .isEqualTo("7.0");
        Document all = admin.runCommand(new Document("getParameter", "*"));
        assertThat(all).containsKey("featureCompatibilityVersion");
    }

    @Test
    void getParameterOfAnUnknownOptionFailsLikeMongoDb() {
        assertThatThrownBy(() -> admin.runCommand(new Document("getParameter", 1).append("noSuchParameter", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(72);
                    assertThat(e.getErrorCodeName()).isEqualTo("InvalidOptions");
                    assertThat(e.getErrorMessage()).isEqualTo("no option found to get");
                });
    }

    @Test
    void getLogListsLogsAndReturnsTheStartupWarnings() {
        assertThat(admin.runCommand(new Document("getLog", "*")).getList("names", String.class))
                .containsExactly("global", "startupWarnings");
        Document warnings = admin.runCommand(new Document("getLog", "startupWarnings"));
        List<String> lines = warnings.getList("log", String.class);
        assertThat(lines).anySatisfy(line -> assertThat(Document.parse(line).getString("msg"))
                .startsWith("Access control is not enabled"));
        assertThat(((Number) warnings.get("totalLinesWritten")).longValue()).isEqualTo(lines.size());
        assertThat(admin.runCommand(new Document("getLog", "global")).getList("log", String.class))
                .anySatisfy(line -> assertThat(line).contains("Connection accepted"));
    }

    @Test
    void getLogRejectsANonStringArgument() {
        assertThatThrownBy(() -> admin.runCommand(new Document("getLog", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(14));
    }

    @Test
    void whatsmyuriAnswersTheClientsAddress() {
        assertThat(admin.runCommand(new Document("whatsmyuri", 1)).getString("you"))
                .matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void connectionStatusShowsNoAuthenticatedUsers() {
        Document reply = admin.runCommand(new Document("connectionStatus", 1).append("showPrivileges", true));
        Document authInfo = reply.get("authInfo", Document.class);
        assertThat(authInfo.getList("authenticatedUsers", Object.class)).isEmpty();
        assertThat(authInfo).containsKey("authenticatedUserPrivileges");
    }

    @Test
    void endSessionsAcceptsAListAndRejectsOtherTypes() {
        assertThat(admin.runCommand(new Document("endSessions", List.of())).get("ok"))
                .isEqualTo(1.0);
        assertThatThrownBy(() -> admin.runCommand(new Document("endSessions", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(14));
    }

    @Test
    void listDatabasesAnswersWithADatabasesArray() {
        Document reply = admin.runCommand(new Document("listDatabases", 1));
        assertThat(reply.getList("databases", Document.class)).isEmpty();
        assertThat(reply).containsKeys("totalSize", "totalSizeMb");
        assertThat(client.listDatabaseNames().into(new java.util.ArrayList<>())).isEmpty();
    }

    @Test
    void listDatabasesOutsideAdminIsRefused() {
        assertThatThrownBy(() -> client.getDatabase("test").runCommand(new Document("listDatabases", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(13);
                    assertThat(e.getErrorCodeName()).isEqualTo("Unauthorized");
                });
    }

    @Test
    void listCollectionsReturnsAnExhaustedCursor() {
        Document reply = client.getDatabase("shop").runCommand(new Document("listCollections", 1));
        Document cursor = reply.get("cursor", Document.class);
        assertThat(cursor.getString("ns")).isEqualTo("shop.$cmd.listCollections");
        assertThat(((Number) cursor.get("id")).longValue()).isZero();
        assertThat(cursor.getList("firstBatch", Document.class)).isEmpty();
        assertThat(client.getDatabase("shop").listCollectionNames().into(new java.util.ArrayList<>()))
                .isEmpty();
    }

    @Test
    void getCmdLineOptsShowsTheParsedConfiguration() {
        Document parsed = admin.runCommand(new Document("getCmdLineOpts", 1)).get("parsed", Document.class);
        assertThat(parsed.get("storage", Document.class).getString("dbPath")).isEqualTo(dbPath.toString());
        assertThat(parsed.get("wrongodb", Document.class).getString("role")).isEqualTo("primary");
    }

    @Test
    void anUnknownCommandFailsWithCommandNotFound() {
        assertThatThrownBy(() -> admin.runCommand(new Document("frobnicate", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(59);
                    assertThat(e.getErrorCodeName()).isEqualTo("CommandNotFound");
                    assertThat(e.getErrorMessage()).isEqualTo("no such command: 'frobnicate'");
                });
        assertThat(admin.runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
    }

    @Test
    void commandsAreCountedByNameAndOutcome() {
        admin.runCommand(new Document("ping", 1));
        assertThatThrownBy(() -> admin.runCommand(new Document("noSuchThing", 1)));
        assertThat(node.meters()
                        .get("wrongodb.commands")
                        .tag("command", "ping")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(node.meters()
                        .get("wrongodb.commands")
                        .tag("command", "unknown")
                        .tag("outcome", "CommandNotFound")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(node.meters()
                        .find("wrongodb.commands")
                        .tag("command", "noSuchThing")
                        .counter())
                .isNull();
    }
}
