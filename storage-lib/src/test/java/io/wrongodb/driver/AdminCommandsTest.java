package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.wrongodb.bson.DocumentBytes;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * The admin commands mongosh, Compass and drivers' tooling call, through the driver: serverStatus (shape, operation
 * counters moved by the amounts mongod moves them, excluded sections), hostInfo, listCommands, validate on healthy
 * collections (multikey, unique, sparse, partial and compound indexes) and on ones corrupted on purpose through the
 * storage engine, collMod's no-op and refusals, currentOp, killOp and dataSize, with MongoDB 7.0's errors.
 */
class AdminCommandsTest extends DriverTestBase {

    private MongoDatabase admin() {
        return client.getDatabase("admin");
    }

    private BsonDocument adminCommand(String json) {
        return admin().runCommand(doc(json), BsonDocument.class);
    }

    private static long number(BsonDocument doc, String path) {
        BsonValue value = doc;
        for (String part : path.split("\\.")) {
            value = value.asDocument().get(part);
        }
        return value.asNumber().longValue();
    }

    private static void assertError(MongoDatabase database, String json, int code, String codeName, String errmsg) {
        assertThatThrownBy(() -> database.runCommand(doc(json), BsonDocument.class))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getResponse().get("ok").asNumber().doubleValue())
                            .isZero();
                    assertThat(e.getErrorCode()).isEqualTo(code);
                    assertThat(e.getErrorCodeName()).isEqualTo(codeName);
                    if (errmsg != null) {
                        assertThat(e.getErrorMessage()).isEqualTo(errmsg);
                    }
                });
    }

    // --- serverStatus ---------------------------------------------------------------------------------------

    @Test
    void serverStatusDescribesTheProcessLikeMongod() {
        BsonDocument status = adminCommand("{serverStatus: 1}");
        assertThat(status.getString("process").getValue()).isEqualTo("mongod");
        assertThat(status.getString("version").getValue()).isEqualTo("7.0.0");
        assertThat(status.getString("host").getValue()).endsWith(":" + node.port());
        assertThat(status.getInt64("pid").getValue())
                .isEqualTo(ProcessHandle.current().pid());
        assertThat(status.get("uptime").isDouble()).isTrue();
        assertThat(status.getInt64("uptimeMillis").getValue()).isNotNegative();
        assertThat(status.get("localTime").isDateTime()).isTrue();
        assertThat(Math.abs(status.getDateTime("localTime").getValue() - System.currentTimeMillis()))
                .isLessThan(60_000);
        assertThat(status.getDocument("asserts").keySet())
                .containsExactly("regular", "warning", "msg", "user", "tripwire", "rollovers");
        BsonDocument connections = status.getDocument("connections");
        assertThat(number(connections, "current")).isGreaterThanOrEqualTo(1);
        assertThat(number(connections, "totalCreated")).isGreaterThanOrEqualTo(number(connections, "current"));
        assertThat(number(connections, "available")).isPositive();
        assertThat(number(connections, "active")).isGreaterThanOrEqualTo(1);
        assertThat(status.getDocument("opcounters").keySet())
                .containsExactly("insert", "query", "update", "delete", "getmore", "command");
        BsonDocument mem = status.getDocument("mem");
        assertThat(number(mem, "bits")).isEqualTo(64);
        assertThat(number(mem, "resident")).isPositive();
        assertThat(number(mem, "virtual")).isGreaterThanOrEqualTo(number(mem, "resident"));
        assertThat(status.getDocument("storageEngine"))
                .containsEntry("name", new org.bson.BsonString("wrongodb"))
                .containsEntry("supportsCommittedReads", org.bson.BsonBoolean.TRUE)
                .containsEntry("persistent", org.bson.BsonBoolean.TRUE);
        assertThat(status.get("ok").asNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void serverStatusRunsInAnyDatabaseAndLeavesOutSectionsGivenAsZero() {
        BsonDocument status = command("{serverStatus: 1, mem: 0, opcounters: false, repl: 0}");
        assertThat(status).doesNotContainKeys("mem", "opcounters", "repl");
        assertThat(status).containsKeys("host", "uptime", "connections", "asserts", "storageEngine");
    }

    @Test
    void opcountersCountDocumentsStatementsAndCommandsAsMongodDoes() {
        var c = collection("c");
        BsonDocument before = adminCommand("{serverStatus: 1}").getDocument("opcounters");

        c.insertMany(List.of(doc("{_id: 1, a: 1}"), doc("{_id: 2, a: 2}"), doc("{_id: 3, a: 3}")));
        c.insertOne(doc("{_id: 4, a: 4}"));
        c.find(Filters.eq("a", 1)).first();
        c.find(Filters.eq("a", 2)).first();
        c.updateOne(Filters.eq("_id", 1), Updates.set("b", 1));
        c.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", 2), Updates.set("b", 2)),
                new UpdateOneModel<>(Filters.eq("_id", 3), Updates.set("b", 3)),
                new DeleteOneModel<>(Filters.eq("_id", 4))));
        c.deleteMany(Filters.eq("_id", 3));
        long cursorId = command("{find: 'c', batchSize: 1}")
                .getDocument("cursor")
                .getInt64("id")
                .getValue();
        command("{getMore: " + cursorId + ", collection: 'c', batchSize: 1}");
        command("{ping: 1}");
        command("{ping: 1}");

        BsonDocument after = adminCommand("{serverStatus: 1}").getDocument("opcounters");
        assertThat(number(after, "insert") - number(before, "insert")).isEqualTo(4);
        assertThat(number(after, "query") - number(before, "query")).isEqualTo(3);
        assertThat(number(after, "update") - number(before, "update")).isEqualTo(3);
        assertThat(number(after, "delete") - number(before, "delete")).isEqualTo(2);
        assertThat(number(after, "getmore") - number(before, "getmore")).isEqualTo(1);
        // two pings and the second serverStatus; the driver's monitor may add hellos of its own
        assertThat(number(after, "command") - number(before, "command")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unknownCommandsAreNotCountedButEveryErrorIsAUserAssert() {
        BsonDocument before = adminCommand("{serverStatus: 1}");
        assertError(db, "{frobnicate: 1}", 59, "CommandNotFound", "no such command: 'frobnicate'");
        assertError(db, "{collStats: 'missing'}", 26, "NamespaceNotFound", null);
        BsonDocument after = adminCommand("{serverStatus: 1}");
        assertThat(number(after, "asserts.user") - number(before, "asserts.user"))
                .isEqualTo(2);
        assertThat(number(after, "opcounters.query")).isEqualTo(number(before, "opcounters.query"));
    }

    // --- hostInfo and listCommands --------------------------------------------------------------------------

    @Test
    void hostInfoDescribesTheMachine() {
        BsonDocument info = adminCommand("{hostInfo: 1}");
        BsonDocument system = info.getDocument("system");
        assertThat(system.get("currentTime").isDateTime()).isTrue();
        assertThat(system.getString("hostname").getValue()).endsWith(":" + node.port());
        assertThat(number(system, "cpuAddrSize")).isEqualTo(64);
        assertThat(number(system, "memSizeMB")).isPositive();
        assertThat(number(system, "numCores")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(system.getString("cpuArch").getValue()).isNotBlank().isNotEqualTo("amd64");
        BsonDocument os = info.getDocument("os");
        assertThat(os.getString("type").getValue()).isEqualTo(System.getProperty("os.name"));
        assertThat(os.getString("name").getValue()).isNotBlank();
        assertThat(os.getString("version").getValue()).isNotBlank();
        assertThat(info.get("extra").isDocument()).isTrue();
    }

    @Test
    void listCommandsListsEveryCommandByNameWithoutAliases() {
        BsonDocument commands = command("{listCommands: 1}").getDocument("commands");
        assertThat(commands.keySet())
                .contains(
                        "find",
                        "insert",
                        "update",
                        "delete",
                        "getMore",
                        "aggregate",
                        "hello",
                        "createIndexes",
                        "serverStatus",
                        "hostInfo",
                        "currentOp",
                        "killOp",
                        "dataSize",
                        "listCommands")
                .doesNotContain("isMaster", "ismaster", "replSetGetStatus");
        List<String> names = new ArrayList<>(commands.keySet());
        assertThat(names).isSorted();
        BsonDocument find = commands.getDocument("find");
        assertThat(find.keySet()).containsExactly("help", "requiresAuth", "secondaryOk", "adminOnly");
        assertThat(find.getBoolean("adminOnly").getValue()).isFalse();
        assertThat(find.getBoolean("requiresAuth").getValue()).isFalse();
        assertThat(commands.getDocument("insert").getBoolean("secondaryOk").getValue())
                .isFalse();
        assertThat(commands.getDocument("ping").getBoolean("secondaryOk").getValue())
                .isTrue();
        assertThat(commands.getDocument("listDatabases").getBoolean("adminOnly").getValue())
                .isTrue();
        assertThat(commands.getDocument("currentOp").getBoolean("adminOnly").getValue())
                .isTrue();
        assertThat(commands.getDocument("insert").getString("help").getValue()).isNotBlank();
    }

    // --- currentOp, killOp, dataSize ------------------------------------------------------------------------

    @Test
    void currentOpListsTheRunningCommandItself() {
        BsonArray inprog = adminCommand("{currentOp: 1}").getArray("inprog");
        List<BsonDocument> own = inprog.stream()
                .map(BsonValue::asDocument)
                .filter(op -> op.getDocument("command").containsKey("currentOp"))
                .toList();
        assertThat(own).hasSize(1);
        BsonDocument op = own.get(0);
        assertThat(op.getString("type").getValue()).isEqualTo("op");
        assertThat(op.getBoolean("active").getValue()).isTrue();
        assertThat(op.getString("op").getValue()).isEqualTo("command");
        assertThat(op.getString("ns").getValue()).isEqualTo("admin.$cmd");
        assertThat(op.get("opid").isInt32()).isTrue();
        assertThat(op.getString("desc").getValue()).isEqualTo("conn" + number(op, "connectionId"));
        assertThat(op.getString("client").getValue()).startsWith("127.0.0.1:");
        assertThat(number(op, "microsecs_running")).isNotNegative();
        assertThat(op.getInt64("secs_running").getValue()).isZero();
        assertThat(op.getDocument("clientMetadata").containsKey("driver")).isTrue();

        assertThat(adminCommand("{currentOp: 1, op: 'query'}").getArray("inprog"))
                .isEmpty();
        assertThat(adminCommand("{currentOp: 1, 'command.currentOp': {$exists: true}}")
                        .getArray("inprog"))
                .hasSize(1);
        assertError(db, "{currentOp: 1}", 13, "Unauthorized", "currentOp may only be run against the admin database.");
    }

    @Test
    void killOpAnswersAsMongodDoesAndChecksItsArgument() {
        BsonDocument reply = adminCommand("{killOp: 1, op: 123456}");
        assertThat(reply.getString("info").getValue()).isEqualTo("attempting to kill op");
        assertThat(reply.get("ok").asNumber().doubleValue()).isEqualTo(1.0);
        assertError(admin(), "{killOp: 1}", 4, "NoSuchKey", "Missing expected field \"op\"");
        assertError(admin(), "{killOp: 1, op: 'x'}", 14, "TypeMismatch", null);
        assertError(db, "{killOp: 1, op: 1}", 13, "Unauthorized", "killOp may only be run against the admin database.");
    }

    @Test
    void dataSizeCountsTheDocumentsAndTheirBytes() {
        List<BsonDocument> docs = List.of(doc("{_id: 1, a: 'x'}"), doc("{_id: 2, a: [1, 2, 3]}"), doc("{_id: 3}"));
        collection("c").insertMany(docs);
        long bytes =
                docs.stream().mapToLong(d -> DocumentBytes.encode(d).length).sum();
        BsonDocument reply = command("{dataSize: 'test.c'}");
        assertThat(reply.getInt64("size").getValue()).isEqualTo(bytes);
        assertThat(reply.getInt64("numObjects").getValue()).isEqualTo(3);
        assertThat(reply.get("millis").isInt32()).isTrue();
        assertThat(command("{dataSize: 'test.nope'}")).containsEntry("numObjects", new org.bson.BsonInt64(0));
        assertError(
                db,
                "{dataSize: 'test.c', keyPattern: {_id: 1}, min: {_id: 1}, max: {_id: 2}}",
                238,
                "NotImplemented",
                null);
        assertError(db, "{dataSize: 'nodot'}", 73, "InvalidNamespace", "Invalid namespace specified 'nodot'");
    }
}
