package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * find's sort through the driver, as MongoDB 7.0 orders results: one and several keys, ascending and descending,
 * values of different types in MongoDB's comparison order, arrays by their smallest or largest element, missing
 * fields, sort with skip and limit, sorted results across getMore batches, with and without an index, and
 * {@code $natural}.
 */
class SortTest extends DriverTestBase {

    private static List<Integer> ids(Iterable<BsonDocument> documents) {
        List<Integer> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getInt32("_id").getValue()));
        return ids;
    }

    private List<Integer> sorted(MongoCollection<BsonDocument> c, String sort) {
        return ids(c.find().sort(doc(sort)).into(new ArrayList<>()));
    }

    @Test
    void singleKeyAscendingAndDescending() {
        var c = insertIntoC("{_id: 1, n: 30}", "{_id: 2, n: 10}", "{_id: 3, n: 20}", "{_id: 4, n: -5}");
        assertThat(sorted(c, "{n: 1}")).containsExactly(4, 2, 3, 1);
        assertThat(sorted(c, "{n: -1}")).containsExactly(1, 3, 2, 4);
        assertThat(sorted(c, "{_id: -1}")).containsExactly(4, 3, 2, 1);
    }

    @Test
    void compoundKeysBreakTiesInTurn() {
        var c = insertIntoC(
                "{_id: 1, a: 1, b: 'x'}",
                "{_id: 2, a: 2, b: 'y'}",
                "{_id: 3, a: 1, b: 'z'}",
                "{_id: 4, a: 2, b: 'x'}",
                "{_id: 5, a: 1, b: 'y'}");
        assertThat(sorted(c, "{a: 1, b: 1}")).containsExactly(1, 5, 3, 4, 2);
        assertThat(sorted(c, "{a: 1, b: -1}")).containsExactly(3, 5, 1, 2, 4);
        assertThat(sorted(c, "{a: -1, b: 1}")).containsExactly(4, 2, 1, 5, 3);
        // The order of the keys matters, not only their directions.
        assertThat(sorted(c, "{b: 1, a: -1}")).containsExactly(4, 1, 2, 5, 3);
    }

    @Test
    void valuesOfDifferentTypesSortInMongoDbTypeOrder() {
        var c = insertIntoC(
                "{_id: 1, v: {$minKey: 1}}",
                "{_id: 2, v: null}",
                "{_id: 3}",
                "{_id: 4, v: 5}",
                "{_id: 5, v: 2.5}",
                "{_id: 6, v: {$numberLong: '10'}}",
                "{_id: 7, v: {$numberDecimal: '7'}}",
                "{_id: 8, v: 'a'}",
                "{_id: 9, v: 'B'}",
                "{_id: 10, v: {a: 1}}",
                "{_id: 11, v: {$binary: {base64: 'AQI=', subType: '00'}}}",
                "{_id: 12, v: {$oid: '0123456789abcdef01234567'}}",
                "{_id: 13, v: false}",
                "{_id: 14, v: true}",
                "{_id: 15, v: {$date: 0}}",
                "{_id: 16, v: {$timestamp: {t: 1, i: 1}}}",
                "{_id: 17, v: /abc/}",
                "{_id: 18, v: {$maxKey: 1}}");
        // MinKey, null and missing (equal), numbers by value whatever their type, strings by bytes, objects,
        // binary data, ObjectId, booleans, dates, timestamps, regular expressions, MaxKey.
        assertThat(sorted(c, "{v: 1, _id: 1}"))
                .containsExactly(1, 2, 3, 5, 4, 7, 6, 9, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        assertThat(sorted(c, "{v: -1, _id: 1}"))
                .containsExactly(18, 17, 16, 15, 14, 13, 12, 11, 10, 8, 9, 6, 7, 4, 5, 2, 3, 1);
    }

    @Test
    void documentsCompareFieldByField() {
        var c = insertIntoC(
                "{_id: 1, v: {a: 2}}",
                "{_id: 2, v: {b: 0}}",
                "{_id: 3, v: {}}",
                "{_id: 4, v: {a: 1}}",
                "{_id: 5, v: {a: 1, b: 1}}",
                "{_id: 6, v: {a: 'x'}}");
        // Each pair of fields compares by type first, then by name, then by value.
        assertThat(sorted(c, "{v: 1}")).containsExactly(3, 4, 5, 1, 2, 6);
    }

    @Test
    void arraysSortByTheirSmallestElementAscendingAndLargestDescending() {
        var c = insertIntoC(
                "{_id: 1, a: [1, 5]}",
                "{_id: 2, a: [2, 3]}",
                "{_id: 3, a: 4}",
                "{_id: 4, a: []}",
                "{_id: 5, a: null}",
                "{_id: 6}");
        // An empty array sorts below null and missing.
        assertThat(sorted(c, "{a: 1, _id: 1}")).containsExactly(4, 5, 6, 1, 2, 3);
        assertThat(sorted(c, "{a: -1, _id: 1}")).containsExactly(1, 3, 2, 5, 6, 4);
    }

    @Test
    void arraysOfMixedTypesUseTheTypeOrderToo() {
        var c = insertIntoC("{_id: 1, a: ['z', 9]}", "{_id: 2, a: [10, 'a']}", "{_id: 3, a: 'm'}");
        // Ascending: smallest elements 9, 10 and 'm'; descending: largest 'z', 'a' and 'm'.
        assertThat(sorted(c, "{a: 1}")).containsExactly(1, 2, 3);
        assertThat(sorted(c, "{a: -1}")).containsExactly(1, 3, 2);
    }

    @Test
    void dottedKeysThroughArraysOfDocuments() {
        var c = insertIntoC(
                "{_id: 1, items: [{qty: 5}, {qty: 50}]}",
                "{_id: 2, items: [{qty: 20}]}",
                "{_id: 3, items: {qty: 10}}",
                "{_id: 4, items: [{qty: 30}, {other: 1}]}");
        // Document 4's element without qty counts as null: the smallest of its values.
        assertThat(sorted(c, "{'items.qty': 1}")).containsExactly(4, 1, 3, 2);
        assertThat(sorted(c, "{'items.qty': -1}")).containsExactly(1, 4, 2, 3);
        // A position names the first element only; document 3 has no field "0", so null.
        assertThat(sorted(c, "{'items.0.qty': -1}")).containsExactly(4, 2, 1, 3);
    }

    @Test
    void missingFieldsSortFirstAscendingAndLastDescending() {
        var c = insertIntoC("{_id: 1, x: 2}", "{_id: 2}", "{_id: 3, x: 1}", "{_id: 4, y: 1}");
        assertThat(sorted(c, "{x: 1, _id: 1}")).containsExactly(2, 4, 3, 1);
        assertThat(sorted(c, "{x: -1, _id: 1}")).containsExactly(1, 3, 2, 4);
        // Sorting by a field no document has is a tie everywhere, broken by the next key.
        assertThat(sorted(c, "{nothing: 1, _id: -1}")).containsExactly(4, 3, 2, 1);
    }

    @Test
    void sortComesBeforeSkipAndLimit() {
        var c = collection("c");
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("v", new BsonInt32((i * 7) % 20)));
        }
        c.insertMany(docs);
        List<BsonDocument> page = c.find().sort(doc("{v: -1}")).skip(5).limit(3).into(new ArrayList<>());
        assertThat(page).extracting(d -> d.getInt32("v").getValue()).containsExactly(14, 13, 12);
        assertThat(c.find(doc("{v: {$lt: 10}}"))
                        .sort(doc("{v: 1}"))
                        .skip(8)
                        .limit(5)
                        .into(new ArrayList<>()))
                .extracting(d -> d.getInt32("v").getValue())
                .containsExactly(8, 9);
    }

    private MongoCollection<BsonDocument> shuffled(int n) {
        var c = collection("c");
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // 37 and 300 are coprime: each v from 0 to 299 appears once, out of _id order.
            docs.add(new BsonDocument("_id", new BsonInt32(i))
                    .append("v", new BsonInt32((i * 37) % n))
                    .append("pad", new BsonString("x".repeat(50))));
        }
        c.insertMany(docs);
        return c;
    }

    @Test
    void sortedResultsContinueInOrderAcrossGetMore() {
        var c = shuffled(300);
        List<BsonDocument> all = c.find().sort(doc("{v: 1}")).batchSize(25).into(new ArrayList<>());
        assertThat(all)
                .extracting(d -> d.getInt32("v").getValue())
                .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());

        BsonDocument first = command("{find: 'c', sort: {v: -1}, batchSize: 10, projection: {_id: 0, v: 1}}")
                .getDocument("cursor");
        assertThat(first.getArray("firstBatch"))
                .extracting(d -> d.asDocument().getInt32("v").getValue())
                .containsExactly(299, 298, 297, 296, 295, 294, 293, 292, 291, 290);
        long id = first.getInt64("id").getValue();
        assertThat(id).isNotZero();
        BsonDocument more = db.runCommand(
                        new BsonDocument("getMore", new BsonInt64(id))
                                .append("collection", new BsonString("c"))
                                .append("batchSize", new BsonInt32(5)),
                        BsonDocument.class)
                .getDocument("cursor");
        assertThat(more.getArray("nextBatch"))
                .extracting(d -> (BsonValue) d)
                .containsExactly(doc("{v: 289}"), doc("{v: 288}"), doc("{v: 287}"), doc("{v: 286}"), doc("{v: 285}"));
        assertThat(more.getInt64("id").getValue()).isEqualTo(id);
    }

    @Test
    void sortWithLimitAcrossBatchesStopsAtTheLimit() {
        var c = shuffled(300);
        List<BsonDocument> top =
                c.find().sort(doc("{v: -1}")).limit(30).batchSize(7).into(new ArrayList<>());
        assertThat(top)
                .extracting(d -> d.getInt32("v").getValue())
                .containsExactlyElementsOf(
                        IntStream.range(0, 30).map(i -> 299 - i).boxed().toList());
    }

    @Test
    void anIndexGivesTheSameOrder() {
        var c = insertIntoC(
                "{_id: 1, a: [1, 5]}",
                "{_id: 2, a: [2, 3]}",
                "{_id: 3, a: 4}",
                "{_id: 4, a: []}",
                "{_id: 5, a: null}",
                "{_id: 6}",
                "{_id: 7, a: 'text'}");
        c.createIndex(doc("{a: 1}"));
        assertThat(sorted(c, "{a: 1, _id: 1}")).containsExactly(4, 5, 6, 1, 2, 3, 7);
        assertThat(sorted(c, "{a: -1, _id: 1}")).containsExactly(7, 1, 3, 2, 5, 6, 4);
        var d = collection("d");
        d.createIndex(doc("{n: -1}"));
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("n", new BsonInt32((i * 13) % 50)));
        }
        d.insertMany(docs);
        assertThat(d.find(doc("{n: {$gte: 40}}")).sort(doc("{n: 1}")).into(new ArrayList<>()))
                .extracting(x -> x.getInt32("n").getValue())
                .containsExactly(40, 41, 42, 43, 44, 45, 46, 47, 48, 49);
        assertThat(d.find().sort(doc("{n: -1}")).limit(3).into(new ArrayList<>()))
                .extracting(x -> x.getInt32("n").getValue())
                .containsExactly(49, 48, 47);
    }

    @Test
    void naturalOrderIsInsertionOrderAndCanBeReversed() {
        // Inserted in increasing _id order, so insertion order and _id order agree.
        var c = insertIntoC("{_id: 1, v: 'c'}", "{_id: 2, v: 'a'}", "{_id: 3, v: 'b'}", "{_id: 4, v: 'd'}");
        assertThat(sorted(c, "{$natural: 1}")).containsExactly(1, 2, 3, 4);
        assertThat(sorted(c, "{$natural: -1}")).containsExactly(4, 3, 2, 1);
        assertThat(ids(c.find(doc("{v: {$gt: 'a'}}"))
                        .sort(doc("{$natural: -1}"))
                        .into(new ArrayList<>())))
                .containsExactly(4, 3, 1);
        assertThat(ids(c.find()
                        .sort(doc("{$natural: -1}"))
                        .batchSize(1)
                        .limit(3)
                        .into(new ArrayList<>())))
                .containsExactly(4, 3, 2);
    }

    @Test
    void invalidSortDirectionIsRejected() {
        var c = insertIntoC("{_id: 1, a: 1}");
        assertThatThrownBy(() -> c.find().sort(doc("{a: 2}")).first())
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(15975);
                    assertThat(e.getErrorMessage())
                            .isEqualTo("$sort key ordering must be 1 (for ascending) or -1 (for descending)");
                });
        assertThatThrownBy(() ->
                        c.find().sort(new BsonDocument("a", new BsonArray())).first())
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(15974));
    }
}
