package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input and limits through the driver: each failing command answers {@code {ok: 0, errmsg, code, codeName}}
 * (or a write error) as MongoDB 7.0 words it, the connection keeps serving, and the data already stored is intact.
 * Covers unknown commands, bad filters, wrong field types, cursor errors, missing and invalid namespaces, the 16 MiB
 * document limit on insert and update, {@code _id} types, the 180-level nesting limit and write batch sizes.
 */
class ErrorsTest extends DriverTestBase {
    private static final int MAX_BSON = 16 * 1024 * 1024;
    /** MongoDB's BSONDepth::getMaxDepthForUserStorage(): 200 levels minus 20 kept for the system. */
    private static final int MAX_STORED_DEPTH = 180;

    private static final List<BsonDocument> KEPT = List.of(doc("{_id: 1, a: 1}"), doc("{_id: 2, a: 'two'}"));

    @BeforeEach
    void storeSomething() {
        collection("keep").insertMany(KEPT);
    }

    /** The connection still answers, and what was stored before the error is there unchanged. */
    private void stillServesAndKeepsData() {
        assertThat(command("{ping: 1}").get("ok").asNumber().doubleValue()).isEqualTo(1.0);
        assertThat(collection("keep").find().sort(doc("{_id: 1}")).into(new ArrayList<>()))
                .containsExactlyElementsOf(KEPT);
    }

    /** Runs {@code body} expecting MongoDB's error reply, then checks the connection and the data. */
    private void assertFails(BsonDocument body, int code, String codeName, String errmsg) {
        assertThatThrownBy(() -> db.runCommand(body, BsonDocument.class))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    BsonDocument reply = e.getResponse();
                    assertThat(reply.get("ok").asNumber().doubleValue()).isZero();
                    assertThat(reply.getString("errmsg").getValue()).isEqualTo(errmsg);
                    assertThat(reply.getInt32("code").getValue()).isEqualTo(code);
                    assertThat(reply.getString("codeName").getValue()).isEqualTo(codeName);
                });
        stillServesAndKeepsData();
    }

    private void assertFails(String json, int code, String codeName, String errmsg) {
        assertFails(doc(json), code, codeName, errmsg);
    }

    /** Runs a write command expecting {@code ok: 1} with one write error at index 0. */
    private BsonDocument assertWriteError(BsonDocument body, int n, int code, String errmsg) {
        BsonDocument reply = db.runCommand(body, BsonDocument.class);
        assertThat(reply.get("ok").asNumber().doubleValue()).isEqualTo(1.0);
        assertThat(reply.getInt32("n").getValue()).isEqualTo(n);
        BsonArray errors = reply.getArray("writeErrors");
        assertThat(errors).hasSize(1);
        BsonDocument error = errors.get(0).asDocument();
        assertThat(error.getInt32("index").getValue()).isZero();
        assertThat(error.getInt32("code").getValue()).isEqualTo(code);
        assertThat(error.getString("errmsg").getValue()).isEqualTo(errmsg);
        stillServesAndKeepsData();
        return reply;
    }

    @Test
    void unknownCommandIsCommandNotFound() {
        assertFails("{frobnicate: 1}", 59, "CommandNotFound", "no such command: 'frobnicate'");
    }

    @Test
    void unknownFilterOperatorIsBadValue() {
        assertFails("{find: 'keep', filter: {a: {$foo: 1}}}", 2, "BadValue", "unknown operator: $foo");
    }

    @Test
    void wrongFieldTypesInFindAreTypeMismatch() {
        assertFails(
                "{find: 'keep', limit: 'x'}",
                14,
                "TypeMismatch",
                "BSON field 'FindCommandRequest.limit' is the wrong type 'string',"
                        + " expected types '[long, int, decimal, double']");
        assertFails(
                "{find: 'keep', skip: {}}",
                14,
                "TypeMismatch",
                "BSON field 'FindCommandRequest.skip' is the wrong type 'object',"
                        + " expected types '[long, int, decimal, double']");
        assertFails(
                "{find: 'keep', filter: 'x'}",
                14,
                "TypeMismatch",
                "BSON field 'FindCommandRequest.filter' is the wrong type 'string', expected type 'object'");
    }

    @Test
    void negativeLimitAndSkipAreRefused() {
        assertFails(
                "{find: 'keep', limit: -1}",
                51024,
                "Location51024",
                "BSON field 'limit' value must be >= 0, actual value '-1'");
        assertFails(
                "{find: 'keep', skip: NumberLong(-5)}",
                51024,
                "Location51024",
                "BSON field 'skip' value must be >= 0, actual value '-5'");
    }

    @Test
    void getMoreOnAnUnknownCursorIsCursorNotFound() {
        assertFails(
                "{getMore: NumberLong(12345), collection: 'keep'}", 43, "CursorNotFound", "cursor id 12345 not found");
    }

    private long openCursor() {
        long id = command("{find: 'keep', batchSize: 1}")
                .getDocument("cursor")
                .getInt64("id")
                .getValue();
        assertThat(id).isNotZero();
        return id;
    }

    private static BsonDocument getMore(long id, String collection) {
        return new BsonDocument("getMore", new BsonInt64(id)).append("collection", new BsonString(collection));
    }

    @Test
    void getMoreOnAnotherCollectionIsUnauthorized() {
        long id = openCursor();
        assertFails(
                getMore(id, "other"),
                13,
                "Unauthorized",
                "Requested getMore on namespace 'test.other', but cursor belongs to a different namespace test.keep");
    }

    @Test
    void aKilledCursorIsNotFoundAfterwards() {
        long id = openCursor();
        BsonDocument killed = db.runCommand(
                new BsonDocument("killCursors", new BsonString("keep"))
                        .append("cursors", new BsonArray(List.of(new BsonInt64(id)))),
                BsonDocument.class);
        assertThat(killed.getArray("cursorsKilled")).containsExactly(new BsonInt64(id));
        assertFails(getMore(id, "keep"), 43, "CursorNotFound", "cursor id " + id + " not found");
    }

    @Test
    void listIndexesOnAMissingCollectionIsNamespaceNotFound() {
        assertFails("{listIndexes: 'missing'}", 26, "NamespaceNotFound", "ns does not exist: test.missing");
    }

    @Test
    void invalidNamespacesAreRefused() {
        assertFails("{find: ''}", 73, "InvalidNamespace", "Invalid namespace specified 'test.'");
        assertFails("{findAndModify: '', remove: true}", 73, "InvalidNamespace", "Invalid namespace specified 'test.'");
        assertFails("{distinct: {}, key: 'a'}", 73, "InvalidNamespace", "collection name has invalid type object");
    }

    /** {_id: 1, x: 'aaa…'} of exactly {@code size} bytes: 22 bytes of structure around the string. */
    private static BsonDocument ofSize(int id, int size) {
        BsonDocument document =
                new BsonDocument("_id", new BsonInt32(id)).append("x", new BsonString("a".repeat(size - 22)));
        assertThat(new org.bson.RawBsonDocument(document, new org.bson.codecs.BsonDocumentCodec())
                        .getByteBuffer()
                        .remaining())
                .isEqualTo(size);
        return document;
    }

    private static BsonDocument insert(String collection, BsonValue... documents) {
        return new BsonDocument("insert", new BsonString(collection))
                .append("documents", new BsonArray(List.of(documents)));
    }

    @Test
    void aDocumentOfExactly16MiBIsStoredAndReadBackIntact() {
        BsonDocument largest = ofSize(1, MAX_BSON);
        collection("big").insertOne(largest);
        assertThat(collection("big").find().first()).isEqualTo(largest);
        stillServesAndKeepsData();
    }

    @Test
    void insertingADocumentOver16MiBIsAWriteError() {
        // MongoDB 7.0's message, reported as a write error of the insert; the code is BSONObjectTooLarge as the
        // project asks (mongod's insert path says BadValue 2 here, see docs/compatibility.md).
        assertWriteError(
                insert("big", ofSize(1, MAX_BSON + 1)),
                0,
                10334,
                "object to insert too large. size in bytes: " + (MAX_BSON + 1) + ", max size: " + MAX_BSON);
        assertThat(collection("big").countDocuments()).isZero();
    }

    @Test
    void anUpdateGrowingADocumentPast16MiBIsRefusedAndLeavesItUnchanged() {
        BsonDocument stored = ofSize(1, 9 * 1024 * 1024);
        collection("big").insertOne(stored);
        BsonDocument update = doc("{update: 'big', updates: [{q: {_id: 1}, u: {$set: {y: ''}}}]}");
        update.getArray("updates")
                .get(0)
                .asDocument()
                .getDocument("u")
                .getDocument("$set")
                .put("y", new BsonString("b".repeat(8 * 1024 * 1024)));
        BsonDocument reply =
                assertWriteError(update, 0, 17419, "Resulting document after update is larger than " + MAX_BSON);
        assertThat(reply.getInt32("nModified").getValue()).isZero();
        assertThat(collection("big").find().first()).isEqualTo(stored);
        assertThatThrownBy(() -> collection("big")
                        .updateOne(Filters.eq("_id", 1), Updates.set("y", "c".repeat(8 * 1024 * 1024))))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(17419));
        assertThat(collection("big").find().first()).isEqualTo(stored);
    }

    @Test
    void anArrayIdIsRefused() {
        assertWriteError(insert("ids", doc("{_id: [1, 2], a: 1}")), 0, 53, "The '_id' value cannot be of type array");
        assertThatThrownBy(() -> collection("ids").insertOne(doc("{_id: [1]}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(53));
        assertThat(collection("ids").countDocuments()).isZero();
        stillServesAndKeepsData();
    }

    /** {a: {a: … {a: 1}}} with {@code depth} levels of documents, the outermost one counted. */
    private static BsonDocument nested(int depth) {
        BsonDocument inner = new BsonDocument("a", new BsonInt32(1));
        for (int level = 1; level < depth; level++) {
            inner = new BsonDocument("a", inner);
        }
        return inner;
    }

    /** [[… [1]]] inside {_id, a}, the document and arrays making {@code depth} levels. */
    private static BsonDocument nestedArrays(int id, int depth) {
        BsonValue inner = new BsonArray(List.of(new BsonInt32(1)));
        for (int level = 2; level < depth; level++) {
            inner = new BsonArray(List.of(inner));
        }
        return new BsonDocument("_id", new BsonInt32(id)).append("a", inner);
    }

    private static BsonDocument withId(int id, BsonDocument document) {
        BsonDocument result = new BsonDocument("_id", new BsonInt32(id));
        result.putAll(document);
        return result;
    }

    @Test
    void aDocumentAtTheNestingLimitIsStoredAndReadBack() {
        BsonDocument deepest = withId(1, nested(MAX_STORED_DEPTH));
        BsonDocument deepestArrays = nestedArrays(2, MAX_STORED_DEPTH);
        collection("deep").insertOne(deepest);
        collection("deep").insertOne(deepestArrays);
        assertThat(collection("deep").find().sort(doc("{_id: 1}")).into(new ArrayList<>()))
                .containsExactly(deepest, deepestArrays);
        stillServesAndKeepsData();
    }

    @Test
    void aDocumentOneLevelPastTheNestingLimitIsOverflow() {
        String message = "cannot insert document because it exceeds " + MAX_STORED_DEPTH + " levels of nesting";
        assertWriteError(insert("deep", withId(1, nested(MAX_STORED_DEPTH + 1))), 0, 15, message);
        assertWriteError(insert("deep", nestedArrays(2, MAX_STORED_DEPTH + 1)), 0, 15, message);
        assertThatThrownBy(() -> collection("deep").insertOne(withId(3, nested(MAX_STORED_DEPTH + 1))))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(15));
        assertThat(collection("deep").countDocuments()).isZero();
        stillServesAndKeepsData();
    }

    @Test
    void anEmptyDocumentPastTheNestingLimitDoesNotCount() {
        BsonDocument deepest = withId(1, nested(MAX_STORED_DEPTH));
        BsonDocument innermost = deepest;
        for (int level = 1; level < MAX_STORED_DEPTH; level++) {
            innermost = innermost.getDocument("a");
        }
        innermost.put("empty", new BsonDocument());
        collection("deep").insertOne(deepest);
        assertThat(collection("deep").find().first()).isEqualTo(deepest);
    }

    @Test
    void writeBatchesMustHoldBetween1And100000Operations() {
        assertFails(
                "{insert: 'keep', documents: []}",
                16,
                "InvalidLength",
                "Write batch sizes must be between 1 and 100000. Got 0 operations.");
        assertFails(
                "{update: 'keep', updates: []}",
                16,
                "InvalidLength",
                "Write batch sizes must be between 1 and 100000. Got 0 operations.");
        assertFails(
                "{delete: 'keep', deletes: []}",
                16,
                "InvalidLength",
                "Write batch sizes must be between 1 and 100000. Got 0 operations.");
        List<BsonValue> tooMany = new ArrayList<>();
        for (int i = 0; i < 100_001; i++) {
            tooMany.add(new BsonDocument("_id", new BsonInt32(1000 + i)));
        }
        assertFails(
                insert("keep", tooMany.toArray(BsonValue[]::new)),
                16,
                "InvalidLength",
                "Write batch sizes must be between 1 and 100000. Got 100001 operations.");
    }

    @Test
    void aCommandThatStartsATransactionIsRefusedBeforeItWritesAnything() {
        BsonDocument inTransaction = doc("{insert: 'tx', documents: [{_id: 1}], txnNumber: {$numberLong: '1'},"
                + " startTransaction: true, autocommit: false}");
        assertThatThrownBy(() -> db.runCommand(inTransaction, BsonDocument.class))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(238);
                    assertThat(e.getErrorCodeName()).isEqualTo("NotImplemented");
                    assertThat(e.getErrorMessage()).contains("transactions");
                });
        assertThatThrownBy(() -> client.getDatabase("admin")
                        .runCommand(doc("{commitTransaction: 1, txnNumber: {$numberLong: '1'}, autocommit: false}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(238));
        assertThat(collection("tx").countDocuments()).isZero();
        stillServesAndKeepsData();
    }

    @Test
    void maxTimeMSStopsALongScanWithMaxTimeMSExpired() {
        List<BsonDocument> many = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            many.add(new BsonDocument("_id", new BsonInt32(i)).append("v", new BsonInt32(i % 7)));
        }
        collection("slow").insertMany(many);
        BsonDocument find = doc("{find: 'slow', filter: {v: 99}, maxTimeMS: 1}");
        assertThatThrownBy(() -> db.runCommand(find, BsonDocument.class))
                .isInstanceOfSatisfying(MongoExecutionTimeoutException.class, e -> {
                    // the driver turns code 50 into its own exception type
                    assertThat(e.getCode()).isEqualTo(50);
                    assertThat(e.getMessage()).contains("operation exceeded time limit");
                });
        assertThatThrownBy(() -> db.runCommand(
                        doc("{aggregate: 'slow', pipeline: [{$match: {v: 99}}], cursor: {}, maxTimeMS: 1}"),
                        BsonDocument.class))
                .isInstanceOfSatisfying(MongoExecutionTimeoutException.class, e -> assertThat(e.getCode())
                        .isEqualTo(50));
        // a delete stopped half way deletes nothing: its transaction rolls back
        assertThatThrownBy(() -> db.runCommand(
                        doc("{delete: 'slow', deletes: [{q: {v: {$gte: 0}}, limit: 0}], maxTimeMS: 1}"),
                        BsonDocument.class))
                .isInstanceOfSatisfying(MongoExecutionTimeoutException.class, e -> assertThat(e.getCode())
                        .isEqualTo(50));
        assertThat(collection("slow").countDocuments()).isEqualTo(30_000);
        // without a limit the same scan answers
        assertThat(collection("slow").countDocuments(doc("{v: 6}"))).isEqualTo(4285);
        stillServesAndKeepsData();
    }
}
