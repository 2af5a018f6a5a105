package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** insert, find and delete through the driver, as MongoDB 7.0 answers them. */
class CrudTest extends DriverTestBase {

    @Test
    void insertedDocumentsComeBackInIdOrderWithIdFirst() {
        var c = collection("people");
        c.insertOne(doc("{name: 'b', _id: 2}"));
        c.insertOne(doc("{_id: 1, name: 'a', tags: ['x', {y: [1, 2.5]}], nested: {d: {e: null}}}"));
        List<BsonDocument> all = c.find().into(new ArrayList<>());
        assertThat(all)
                .containsExactly(
                        doc("{_id: 1, name: 'a', tags: ['x', {y: [1, 2.5]}], nested: {d: {e: null}}}"),
                        doc("{_id: 2, name: 'b'}"));
        assertThat(all.get(1).getFirstKey()).isEqualTo("_id");
    }

    @Test
    void missingIdIsGeneratedAsObjectId() {
        var c = collection("c");
        BsonDocument d = doc("{a: 1}");
        c.insertOne(d);
        BsonDocument stored = c.find().first();
        assertThat(stored.getFirstKey()).isEqualTo("_id");
        assertThat(stored.get("_id")).isInstanceOf(BsonObjectId.class);
        assertThat(stored.getInt32("a").getValue()).isEqualTo(1);
    }

    @Test
    void everyBsonTypeRoundTrips() {
        var c = collection("types");
        BsonDocument d = doc(
                "{_id: 1, d: 1.5, s: 'str', o: {a: 1}, a: [1, 'x'], bin: {$binary: {base64: 'AQI=', subType: '00'}},"
                        + " oid: {$oid: '" + new ObjectId().toHexString()
                        + "'}, b: true, date: {$date: 1700000000000}, n: null,"
                        + " re: {$regularExpression: {pattern: 'a.c', options: 'i'}}, js: {$code: 'x'}, i: 7,"
                        + " ts: {$timestamp: {t: 5, i: 1}}, l: {$numberLong: '9007199254740993'},"
                        + " dec: {$numberDecimal: '1.10'}, min: {$minKey: 1}, max: {$maxKey: 1}}");
        c.insertOne(d);
        assertThat(c.find().first()).isEqualTo(d);
    }

    @Test
    void duplicateIdIsDuplicateKeyWithKeyPatternAndValue() {
        var c = collection("c");
        c.insertOne(doc("{_id: 1}"));
        assertThatThrownBy(() -> c.insertOne(doc("{_id: 1, x: 2}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getError().getCode()).isEqualTo(11000);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("E11000 duplicate key error collection: test.c index: _id_ dup key: { _id: 1 }");
                });
        BsonDocument reply = command("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument error = reply.getArray("writeErrors").get(0).asDocument();
        assertThat(error.getDocument("keyPattern")).isEqualTo(doc("{_id: 1}"));
        assertThat(error.getDocument("keyValue")).isEqualTo(doc("{_id: 1}"));
        assertThat(reply.getInt32("n").getValue()).isZero();
    }

    @Test
    void orderedInsertStopsAtFirstErrorUnorderedGoesOn() {
        var c = collection("c");
        List<BsonDocument> docs = List.of(doc("{_id: 1}"), doc("{_id: 1}"), doc("{_id: 2}"));
        assertThatThrownBy(() -> c.insertMany(docs)).isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
            assertThat(e.getWriteErrors()).hasSize(1);
            assertThat(e.getWriteErrors().get(0).getIndex()).isEqualTo(1);
            assertThat(e.getWriteResult().getInsertedCount()).isEqualTo(1);
        });
        assertThat(c.countDocuments()).isEqualTo(1);

        var d = collection("d");
        assertThatThrownBy(() -> d.insertMany(
                        List.of(doc("{_id: 1}"), doc("{_id: 1}"), doc("{_id: 2}"), doc("{_id: 2}"), doc("{_id: 3}")),
                        new InsertManyOptions().ordered(false)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                    assertThat(e.getWriteErrors()).extracting(w -> w.getIndex()).containsExactly(1, 3);
                    assertThat(e.getWriteResult().getInsertedCount()).isEqualTo(3);
                });
    }

    @Test
    void deleteOneAndDeleteMany() {
        var c = collection("c");
        for (int i = 0; i < 10; i++) {
            c.insertOne(new BsonDocument("_id", new BsonInt32(i)).append("even", new BsonInt32(i % 2)));
        }
        assertThat(c.deleteOne(doc("{}")).getDeletedCount()).isEqualTo(1);
        assertThat(c.deleteMany(doc("{even: 0}")).getDeletedCount()).isEqualTo(4);
        assertThat(c.find().into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(1, 3, 5, 7, 9);
        assertThat(c.deleteMany(doc("{}")).getDeletedCount()).isEqualTo(5);
        assertThat(collection("missing").deleteMany(doc("{}")).getDeletedCount())
                .isZero();
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        var c = collection("durable");
        c.createIndex(doc("{a: 1}"));
        for (int i = 0; i < 500; i++) {
            c.insertOne(new BsonDocument("_id", new BsonInt32(i)).append("a", new BsonInt32(i % 7)));
        }
        c.deleteOne(doc("{_id: 0}"));
        restart();
        var again = collection("durable");
        assertThat(again.countDocuments()).isEqualTo(499);
        assertThat(again.find(doc("{a: 3}")).into(new ArrayList<>())).hasSize(71);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("durable");
        assertThat(again.listIndexes(BsonDocument.class).into(new ArrayList<>()))
                .extracting(i -> i.getString("name").getValue())
                .containsExactly("_id_", "a_1");
    }
}
