package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import java.util.ArrayList;
import java.util.Arrays;
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
                        "validate",
                        "collMod",
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

    // --- validate -------------------------------------------------------------------------------------------

    @Test
    void validatePassesOnAHealthyCollectionWithEveryKindOfIndex() throws Exception {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        c.createIndex(doc("{tags: 1}"));
        c.createIndex(doc("{u: 1}"), new IndexOptions().unique(true));
        c.createIndex(doc("{s: 1}"), new IndexOptions().sparse(true));
        c.createIndex(doc("{a: 1, b: -1}"));
        c.createIndex(doc("{p: 1}"), new IndexOptions().partialFilterExpression(doc("{p: {$gt: 5}}")));
        c.insertMany(List.of(
                doc("{_id: 1, a: 1, b: 1, tags: ['x', 'y'], u: 1, s: 1}"),
                doc("{_id: 2, a: 2, b: 2, tags: ['y', 'z', 'z'], u: 2}"),
                doc("{_id: 3, a: 1, tags: [], u: 3, s: 3}"),
                doc("{_id: 4, b: 4, u: 4}"),
                doc("{_id: 5, a: {nested: 1}, tags: 'single', u: 5, p: 10}")));
        c.updateOne(Filters.eq("_id", 2), Updates.set("tags", List.of("w")));
        c.deleteOne(Filters.eq("_id", 5));
        c.insertOne(doc("{_id: 6, p: 7, u: 6}"));

        BsonDocument expectedKeys = doc("{_id_: 5, a_1: 5, tags_1: 6, u_1: 5, s_1: 2, 'a_1_b_-1': 5, p_1: 1}");
        for (BsonDocument result : List.of(command("{validate: 'c'}"), command("{validate: 'c', full: true}"))) {
            assertHealthy(result, 5, expectedKeys);
        }
        assertThat(command("{validate: 'c'}").get("uuid").isBinary()).isTrue();
        restart();
        assertHealthy(command("{validate: 'c'}"), 5, expectedKeys);
    }

    private static void assertHealthy(BsonDocument result, int records, BsonDocument keysPerIndex) {
        assertThat(result.keySet())
                .containsExactly(
                        "ns",
                        "uuid",
                        "nInvalidDocuments",
                        "nNonCompliantDocuments",
                        "nrecords",
                        "nIndexes",
                        "keysPerIndex",
                        "indexDetails",
                        "valid",
                        "repaired",
                        "warnings",
                        "errors",
                        "extraIndexEntries",
                        "missingIndexEntries",
                        "corruptRecords",
                        "ok");
        assertThat(result.getString("ns").getValue()).isEqualTo("test.c");
        assertThat(result.getBoolean("valid").getValue())
                .as("errors: %s", result.get("errors"))
                .isTrue();
        assertThat(number(result, "nrecords")).isEqualTo(records);
        assertThat(number(result, "nInvalidDocuments")).isZero();
        assertThat(number(result, "nIndexes")).isEqualTo(keysPerIndex.size());
        assertThat(result.getDocument("keysPerIndex")).isEqualTo(keysPerIndex);
        for (String index : keysPerIndex.keySet()) {
            assertThat(result.getDocument("indexDetails").getDocument(index)).isEqualTo(doc("{valid: true}"));
        }
        assertThat(result.getBoolean("repaired").getValue()).isFalse();
        assertThat(result.getArray("errors")).isEmpty();
        assertThat(result.getArray("warnings")).isEmpty();
        assertThat(result.getArray("missingIndexEntries")).isEmpty();
        assertThat(result.getArray("extraIndexEntries")).isEmpty();
        assertThat(result.getArray("corruptRecords")).isEmpty();
    }

    /** The one engine table whose name starts with {@code prefix}: the test's collection or its one index. */
    private String onlyTable(String prefix) {
        List<String> tables = node.node().storage().tableNames().stream()
                .filter(name -> name.startsWith(prefix))
                .toList();
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    /** Collection "c" with documents 1..4 ({a: id * 10}) and index a_1. */
    private void collectionWithIndexOnA() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        c.insertMany(List.of(
                doc("{_id: 1, a: 10}"), doc("{_id: 2, a: 20}"), doc("{_id: 3, a: 30}"), doc("{_id: 4, a: 40}")));
        assertThat(command("{validate: 'c'}").getBoolean("valid").getValue()).isTrue();
    }

    @Test
    void validateReportsAnIndexEntryRemovedBehindTheWritersBack() {
        collectionWithIndexOnA();
        String index = onlyTable("index-");
        Connection storage = node.node().storage();
        try (Session session = storage.openSession()) {
            session.withTransaction(s -> {
                TableCursor entries = s.openCursor(index);
                assertThat(entries.next()).isTrue(); // the smallest key: a = 10, document 1
                byte[] key = entries.key();
                return s.openCursor(index).remove(key);
            });
        }

        BsonDocument result = command("{validate: 'c'}");
        assertThat(result.getBoolean("valid").getValue()).isFalse();
        assertThat(result.getDocument("keysPerIndex")).isEqualTo(doc("{_id_: 4, a_1: 3}"));
        assertThat(result.getDocument("indexDetails")).isEqualTo(doc("{_id_: {valid: true}, a_1: {valid: false}}"));
        assertThat(result.getArray("missingIndexEntries"))
                .containsExactly(doc("{indexName: 'a_1', idKey: {_id: 1}, indexKey: {a: 10}}"));
        assertThat(result.getArray("extraIndexEntries")).isEmpty();
        assertThat(result.getArray("errors"))
                .containsExactly(new org.bson.BsonString("Detected 1 missing index entries."));
        assertThat(result.getString("advice").getValue()).startsWith("A corrupt namespace has been detected.");
        assertThat(number(result, "nInvalidDocuments")).isZero();
        assertThat(result.get("ok").asNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void validateReportsAnIndexEntryNoDocumentPuts() {
        collectionWithIndexOnA();
        String index = onlyTable("index-");
        try (Session session = node.node().storage().openSession()) {
            session.withTransaction(s -> {
                TableCursor entries = s.openCursor(index);
                assertThat(entries.next()).isTrue();
                byte[] key = entries.key();
                byte[] id = entries.value();
                byte[] bogus = Arrays.copyOf(key, key.length + 1);
                return s.openCursor(index).insert(bogus, id);
            });
        }

        BsonDocument result = command("{validate: 'c'}");
        assertThat(result.getBoolean("valid").getValue()).isFalse();
        assertThat(result.getDocument("keysPerIndex")).isEqualTo(doc("{_id_: 4, a_1: 5}"));
        BsonArray extra = result.getArray("extraIndexEntries");
        assertThat(extra).hasSize(1);
        assertThat(extra.get(0).asDocument().getString("indexName").getValue()).isEqualTo("a_1");
        assertThat(extra.get(0).asDocument().getDocument("idKey")).isEqualTo(doc("{_id: 1}"));
        assertThat(result.getArray("missingIndexEntries")).isEmpty();
        assertThat(result.getArray("errors"))
                .containsExactly(new org.bson.BsonString("Detected 1 extra index entries."));
    }

    @Test
    void validateReportsADocumentThatIsNotBsonAndTheEntriesPointingAtIt() {
        collectionWithIndexOnA();
        String documents = onlyTable("collection-");
        try (Session session = node.node().storage().openSession()) {
            session.withTransaction(s -> {
                TableCursor cursor = s.openCursor(documents);
                assertThat(cursor.next()).isTrue();
                byte[] key = cursor.key();
                return s.openCursor(documents).update(key, new byte[] {42, 0, 0, 0, 1, 2, 3});
            });
        }

        BsonDocument result = command("{validate: 'c'}");
        assertThat(result.getBoolean("valid").getValue()).isFalse();
        assertThat(number(result, "nInvalidDocuments")).isEqualTo(1);
        assertThat(number(result, "nrecords")).isEqualTo(4);
        assertThat(result.getArray("corruptRecords")).hasSize(1);
        assertThat(result.getArray("extraIndexEntries")).hasSize(1);
        assertThat(result.getArray("errors").getValues())
                .contains(new org.bson.BsonString("Detected one or more invalid documents. See logs."));
    }

    @Test
    void validateOfAMissingCollectionIsNamespaceNotFound() {
        assertError(
                db,
                "{validate: 'nope'}",
                26,
                "NamespaceNotFound",
                "Collection 'test.nope' does not exist to validate.");
        assertError(db, "{validate: 'nope', repair: true}", 238, "NotImplemented", null);
    }

    // --- collMod --------------------------------------------------------------------------------------------

    @Test
    void collModWithoutOptionsIsANoOpOnAnExistingCollection() {
        collection("c").insertOne(doc("{_id: 1}"));
        assertThat(command("{collMod: 'c'}").get("ok").asNumber().doubleValue()).isEqualTo(1.0);
        assertThat(command("{collMod: 'c', validator: {}, validationLevel: 'strict', validationAction: 'error'}")
                        .get("ok")
                        .asNumber()
                        .doubleValue())
                .isEqualTo(1.0);
        assertThat(collection("c").countDocuments()).isEqualTo(1);
    }

    @Test
    void collModRefusesWhatItCannotDoWithMongodsErrors() {
        collection("c").createIndex(doc("{a: 1}"));
        assertError(db, "{collMod: 'nope'}", 26, "NamespaceNotFound", "ns does not exist");
        assertError(
                db,
                "{collMod: 'c', frobnicate: 1}",
                40415,
                "Location40415",
                "BSON field 'collMod.frobnicate' is an unknown field.");
        assertError(db, "{collMod: 'c', index: {name: 'a_1', hidden: true}}", 238, "NotImplemented", null);
        assertError(db, "{collMod: 'c', index: {keyPattern: {a: 1}, hidden: true}}", 238, "NotImplemented", null);
        assertError(
                db,
                "{collMod: 'c', index: {name: 'b_1', hidden: true}}",
                27,
                "IndexNotFound",
                "cannot find index b_1 for ns test.c");
        assertError(db, "{collMod: 'c', validator: {a: {$exists: true}}}", 238, "NotImplemented", null);
        assertError(db, "{collMod: 'c', validationLevel: 'moderate'}", 238, "NotImplemented", null);
        assertError(db, "{collMod: 'c', viewOn: 'x', pipeline: []}", 238, "NotImplemented", null);
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

    @Test
    void theCurrentOpStageWhichMongoshUsesListsTheAggregateItself() {
        List<BsonDocument> ops = client.getDatabase("admin")
                .aggregate(
                        List.of(doc("{$currentOp: {allUsers: true}}"), doc("{$match: {op: 'command'}}")),
                        BsonDocument.class)
                .into(new ArrayList<>());
        assertThat(ops).anySatisfy(op -> assertThat(op.getDocument("command").containsKey("aggregate"))
                .isTrue());
        assertThatThrownBy(() -> db.aggregate(List.of(doc("{$currentOp: {}}")), BsonDocument.class)
                        .first())
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(73));
    }

    @Test
    void killOpStopsARunningAggregateWithInterrupted() throws Exception {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            docs.add(new BsonDocument("_id", new org.bson.BsonInt32(i)).append("k", new org.bson.BsonInt32(i % 10)));
        }
        collection("big").insertMany(docs);
        // every document looks up every other through an unindexed field: millions of documents read
        List<BsonDocument> slow = List.of(doc("{$lookup: {from: 'big', localField: 'k', foreignField: 'k', as: 'j'}}"));
        java.util.concurrent.CompletableFuture<Throwable> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        collection("big")
                                .aggregate(slow)
                                .comment("to be killed")
                                .first();
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                });
        BsonValue opid = null;
        while (opid == null && !running.isDone()) {
            for (BsonValue op : adminCommand("{currentOp: 1}").getArray("inprog")) {
                BsonDocument command = op.asDocument().getDocument("command");
                if (command.containsKey("aggregate") && command.containsKey("comment")) {
                    opid = op.asDocument().get("opid");
                }
            }
        }
        assertThat(opid).as("the aggregate was seen running").isNotNull();
        adminCommand("{killOp: 1, op: " + opid.asInt32().getValue() + "}");
        Throwable outcome = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(11601);
            assertThat(e.getErrorCodeName()).isEqualTo("Interrupted");
        });
        assertThat(collection("big").countDocuments()).isEqualTo(2000);
    }
}
