package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

/**
 * Update operators through the driver's updateOne, updateMany, replaceOne and bulkWrite: what each operator stores,
 * matched and modified counts (no-op updates included), upserts and the document they insert, positional and
 * array-filter paths, and how errors reach the client, as MongoDB 7.0 answers them.
 */
class UpdateOperatorsDriverTest extends DriverTestBase {
    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    /** Same fields, same types, same order (BsonDocument.equals ignores the order). */
    private static void assertExactly(BsonDocument actual, String expected) {
        assertThat(actual).isNotNull();
        assertThat(actual.toJson(CANONICAL)).isEqualTo(doc(expected).toJson(CANONICAL));
    }

    private MongoCollection<BsonDocument> with(String... documents) {
        MongoCollection<BsonDocument> c = collection("c");
        for (String d : documents) {
            c.insertOne(doc(d));
        }
        return c;
    }

    private static BsonDocument byId(MongoCollection<BsonDocument> c, int id) {
        return c.find(new BsonDocument("_id", new BsonInt32(id))).first();
    }

    private static void assertCounts(UpdateResult result, long matched, long modified) {
        assertThat(result.getMatchedCount()).as("matched").isEqualTo(matched);
        assertThat(result.getModifiedCount()).as("modified").isEqualTo(modified);
        assertThat(result.getUpsertedId()).isNull();
    }

    // ---- field operators -------------------------------------------------------------------------------------

    @Test
    void setReplacesInPlaceAndAppendsNewFieldsInLexicographicOrder() {
        var c = with("{_id: 100, quantity: 250, instock: true, details: {model: '14QQ', make: 'Clothing Co.'},"
                + " tags: ['apparel', 'clothing'], ratings: [{by: 'Customer007', rating: 4}]}");
        assertCounts(
                c.updateOne(
                        doc("{_id: 100}"),
                        doc("{$set: {quantity: 500, details: {model: '2600', make: 'Fashionaires'},"
                                + " tags: ['coats', 'outerwear', 'clothing']}}")),
                1,
                1);
        assertCounts(
                c.updateOne(
                        doc("{_id: 100}"),
                        doc("{$set: {'details.make': 'Kustom Kidz', 'tags.1': 'rain gear',"
                                + " 'ratings.0.rating': 2, zeta: 1, alpha: {b: 1}}}")),
                1,
                1);
        assertExactly(
                byId(c, 100),
                "{_id: 100, quantity: 500, instock: true, details: {model: '2600', make: 'Kustom Kidz'},"
                        + " tags: ['coats', 'rain gear', 'clothing'], ratings: [{by: 'Customer007', rating: 2}],"
                        + " alpha: {b: 1}, zeta: 1}");
    }

    @Test
    void setOfTheSameValueMatchesButDoesNotModify() {
        var c = with("{_id: 1, a: 1, b: [1, 2]}", "{_id: 2, a: 1, b: [1, 2]}", "{_id: 3, a: 2, b: [1, 2]}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$set: {a: 1, 'b.1': 2}}")), 1, 0);
        assertCounts(c.updateMany(doc("{}"), doc("{$set: {a: 2}}")), 3, 2);
        assertCounts(c.updateMany(doc("{b: 2}"), doc("{$set: {b: [1, 2]}, $max: {a: 0}}")), 3, 0);
    }

    @Test
    void emptyOperatorsAreAcceptedAndChangeNothing() {
        var c = with("{_id: 1, a: 1}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$set: {}}")), 1, 0);
        assertCounts(c.updateMany(doc("{}"), doc("{$unset: {}, $inc: {}, $currentDate: {}}")), 1, 0);
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$set: {}, $inc: {a: 1}}")), 1, 1);
        assertExactly(byId(c, 1), "{_id: 1, a: 2}");
        UpdateResult upserted = c.updateOne(doc("{_id: 2, b: 1}"), doc("{$set: {}}"), new UpdateOptions().upsert(true));
        assertThat(upserted.getUpsertedId()).isEqualTo(new BsonInt32(2));
        assertExactly(byId(c, 2), "{_id: 2, b: 1}");
    }

    @Test
    void updateMatchingNothingCountsNothing() {
        var c = with("{_id: 1, a: 1}");
        assertCounts(c.updateOne(doc("{a: 5}"), doc("{$set: {a: 2}}")), 0, 0);
        assertCounts(c.updateMany(doc("{a: 5}"), doc("{$set: {a: 2}}")), 0, 0);
        assertCounts(collection("missing").updateMany(doc("{}"), doc("{$set: {a: 2}}")), 0, 0);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("c");
    }

    @Test
    void settingIdToItsOwnValueIsAllowed() {
        var c = with("{_id: 1, a: 1}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$set: {_id: 1, a: 2}}")), 1, 1);
        assertExactly(byId(c, 1), "{_id: 1, a: 2}");
    }

    @Test
    void unsetRemovesFieldsAndNullsArrayElements() {
        var c = with("{_id: 1, quantity: 5, instock: true, sku: 'x', tags: ['a', 'b', 'c'], d: {e: 1, f: 2}}");
        assertCounts(
                c.updateOne(doc("{_id: 1}"), doc("{$unset: {quantity: '', instock: 1, 'tags.1': '', 'd.e': true}}")),
                1,
                1);
        assertExactly(byId(c, 1), "{_id: 1, sku: 'x', tags: ['a', null, 'c'], d: {f: 2}}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$unset: {nothere: '', 'd.nothere': ''}}")), 1, 0);
    }

    @Test
    void incAddsPromotesAndCreates() {
        var c = with("{_id: 1, sku: 'abc123', quantity: 10, metrics: {orders: 2, ratings: 3.5}, big: 2147483647,"
                + " l: {$numberLong: '5'}}");
        assertCounts(
                c.updateOne(
                        doc("{sku: 'abc123'}"),
                        doc("{$inc: {quantity: -2, 'metrics.orders': 1, big: 1, l: 1, 'metrics.ratings': 1,"
                                + " fresh: 3}}")),
                1,
                1);
        assertExactly(
                byId(c, 1),
                "{_id: 1, sku: 'abc123', quantity: 8, metrics: {orders: 3, ratings: 4.5},"
                        + " big: {$numberLong: '2147483648'}, l: {$numberLong: '6'}, fresh: 3}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$inc: {quantity: 0}}")), 1, 0);
    }

    @Test
    void mulMultipliesInTheWiderTypeAndCreatesZero() {
        var c = with(
                "{_id: 1, item: 'Hats', price: {$numberDecimal: '10.99'}, quantity: 25}",
                "{_id: 2, item: 'Unknown'}",
                "{_id: 3, item: 'Hats', price: 10}");
        c.updateOne(doc("{_id: 1}"), doc("{$mul: {price: {$numberDecimal: '1.25'}, quantity: 2}}"));
        c.updateOne(doc("{_id: 2}"), doc("{$mul: {price: {$numberLong: '100'}}}"));
        c.updateOne(doc("{_id: 3}"), doc("{$mul: {price: {$numberLong: '5'}}}"));
        assertExactly(byId(c, 1), "{_id: 1, item: 'Hats', price: {$numberDecimal: '13.7375'}, quantity: 50}");
        assertExactly(byId(c, 2), "{_id: 2, item: 'Unknown', price: {$numberLong: '0'}}");
        assertExactly(byId(c, 3), "{_id: 3, item: 'Hats', price: {$numberLong: '50'}}");
    }

    @Test
    void minAndMaxOnlyChangeWhenTheyWin() {
        var c = with("{_id: 1, highScore: 800, lowScore: 200}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$min: {lowScore: 150}}")), 1, 1);
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$min: {lowScore: 250}}")), 1, 0);
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$max: {highScore: 950}}")), 1, 1);
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$max: {highScore: 870}}")), 1, 0);
        c.updateOne(doc("{_id: 1}"), doc("{$max: {other: 'x'}, $min: {lowScore: null}}"));
        assertExactly(byId(c, 1), "{_id: 1, highScore: 950, lowScore: null, other: 'x'}");
    }

    @Test
    void renameMovesFieldsAndIgnoresMissingOnes() {
        var c = with("{_id: 1, nmae: 'x', name: {first: 'George', last: 'W'}, keep: 1}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$rename: {nmae: 'alias', 'name.first': 'name.fname'}}")), 1, 1);
        BsonDocument renamed = byId(c, 1);
        assertThat(renamed).isEqualTo(doc("{_id: 1, name: {last: 'W', fname: 'George'}, keep: 1, alias: 'x'}"));
        assertThat(renamed.getDocument("name").keySet()).containsExactly("last", "fname");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$rename: {missing: 'other'}}")), 1, 0);
    }

    @Test
    void setOnInsertOnlyAppliesWhenTheUpsertInserts() {
        var c = collection("products");
        UpdateResult inserted = c.updateOne(
                doc("{_id: 1}"),
                doc("{$set: {item: 'apple'}, $setOnInsert: {defaultQty: 100}}"),
                new UpdateOptions().upsert(true));
        assertThat(inserted.getUpsertedId()).isEqualTo(new BsonInt32(1));
        assertThat(inserted.getMatchedCount()).isZero();
        assertThat(c.find().first()).isEqualTo(doc("{_id: 1, item: 'apple', defaultQty: 100}"));

        UpdateResult updated = c.updateOne(
                doc("{_id: 1}"),
                doc("{$set: {item: 'pear'}, $setOnInsert: {defaultQty: 5}}"),
                new UpdateOptions().upsert(true));
        assertCounts(updated, 1, 1);
        assertThat(c.find().first()).isEqualTo(doc("{_id: 1, item: 'pear', defaultQty: 100}"));
    }

    @Test
    void currentDateSetsADateOrATimestamp() {
        var c = with("{_id: 1, status: 'a', lastModified: {$date: 0}}");
        long before = System.currentTimeMillis();
        c.updateOne(
                doc("{_id: 1}"),
                doc("{$currentDate: {lastModified: true, 'cancellation.date': {$type: 'timestamp'},"
                        + " 'cancellation.at': {$type: 'date'}}, $set: {status: 'D'}}"));
        long after = System.currentTimeMillis();
        BsonDocument d = byId(c, 1);
        assertThat(d.get("lastModified").isDateTime()).isTrue();
        assertThat(d.getDateTime("lastModified").getValue()).isBetween(before, after);
        BsonDocument cancellation = d.getDocument("cancellation");
        assertThat(cancellation.get("date").isTimestamp()).isTrue();
        assertThat(cancellation.getTimestamp("date").getTime()).isBetween((int) (before / 1000), (int) (after / 1000));
        assertThat(cancellation.getDateTime("at").getValue()).isBetween(before, after);
        assertThat(d.getString("status").getValue()).isEqualTo("D");
    }

    // ---- array operators -------------------------------------------------------------------------------------

    @Test
    void pushAppendsAndCreatesTheArray() {
        var c = with("{_id: 1, scores: [44, 78]}");
        c.updateOne(doc("{_id: 1}"), doc("{$push: {scores: 89, fresh: [1]}}"));
        assertExactly(byId(c, 1), "{_id: 1, scores: [44, 78, 89], fresh: [[1]]}");
        c.updateOne(doc("{_id: 1}"), doc("{$push: {scores: {$each: [90, 92, 85]}}}"));
        assertExactly(byId(c, 1), "{_id: 1, scores: [44, 78, 89, 90, 92, 85], fresh: [[1]]}");
    }

    @Test
    void pushWithPositionSliceAndSort() {
        var c = with(
                "{_id: 1, scores: [100]}",
                "{_id: 2, scores: [40, 50, 60]}",
                "{_id: 5, quizzes: [{wk: 1, score: 10}, {wk: 2, score: 8}, {wk: 3, score: 5}, {wk: 4, score: 6}]}",
                "{_id: 6, tests: [89, 70, 89, 50]}");
        c.updateOne(doc("{_id: 1}"), doc("{$push: {scores: {$each: [50, 60, 70], $position: 0}}}"));
        c.updateOne(doc("{_id: 1}"), doc("{$push: {scores: {$each: [20, 30], $position: -2}}}"));
        assertExactly(byId(c, 1), "{_id: 1, scores: [50, 60, 20, 30, 70, 100]}");

        c.updateOne(doc("{_id: 2}"), doc("{$push: {scores: {$each: [80, 78, 86], $slice: -5}}}"));
        assertExactly(byId(c, 2), "{_id: 2, scores: [50, 60, 80, 78, 86]}");

        c.updateOne(
                doc("{_id: 5}"),
                doc("{$push: {quizzes: {$each: [{wk: 5, score: 9}, {wk: 6, score: 7}], $sort: {score: -1},"
                        + " $slice: 3}}}"));
        assertExactly(byId(c, 5), "{_id: 5, quizzes: [{wk: 1, score: 10}, {wk: 5, score: 9}, {wk: 2, score: 8}]}");

        c.updateOne(doc("{_id: 6}"), doc("{$push: {tests: {$each: [40, 60], $sort: 1}}}"));
        assertExactly(byId(c, 6), "{_id: 6, tests: [40, 50, 60, 70, 89, 89]}");
        c.updateOne(doc("{_id: 6}"), doc("{$push: {tests: {$each: [], $sort: -1, $slice: 2}}}"));
        assertExactly(byId(c, 6), "{_id: 6, tests: [89, 89]}");
    }

    @Test
    void addToSetAddsOnlyMissingValues() {
        var c = with("{_id: 1, letters: ['a', 'b']}", "{_id: 2, item: 'cable', tags: ['electronics', 'supplies']}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$addToSet: {letters: ['c', 'd']}}")), 1, 1);
        assertExactly(byId(c, 1), "{_id: 1, letters: ['a', 'b', ['c', 'd']]}");
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$addToSet: {letters: 'a'}}")), 1, 0);
        assertCounts(
                c.updateOne(
                        doc("{_id: 2}"),
                        doc("{$addToSet: {tags: {$each: ['camera', 'electronics', 'accessories', 'camera']}}}")),
                1,
                1);
        assertExactly(
                byId(c, 2), "{_id: 2, item: 'cable', tags: ['electronics', 'supplies', 'camera', 'accessories']}");
        assertCounts(c.updateOne(doc("{_id: 2}"), doc("{$addToSet: {tags: {$each: ['camera']}}}")), 1, 0);
    }

    @Test
    void popRemovesFirstOrLast() {
        var c = with("{_id: 1, scores: [8, 9, 10]}");
        c.updateOne(doc("{_id: 1}"), doc("{$pop: {scores: -1}}"));
        assertExactly(byId(c, 1), "{_id: 1, scores: [9, 10]}");
        c.updateOne(doc("{_id: 1}"), doc("{$pop: {scores: 1}}"));
        assertExactly(byId(c, 1), "{_id: 1, scores: [9]}");
        c.updateOne(doc("{_id: 1}"), doc("{$pop: {scores: 1}}"));
        assertCounts(c.updateOne(doc("{_id: 1}"), doc("{$pop: {scores: 1}}")), 1, 0);
        assertExactly(byId(c, 1), "{_id: 1, scores: []}");
    }

    @Test
    void pullRemovesValuesAndMatchingConditions() {
        var c = with(
                "{_id: 1, fruits: ['apples', 'pears', 'oranges', 'grapes', 'bananas'],"
                        + " vegetables: ['carrots', 'celery', 'squash', 'carrots']}",
                "{_id: 2, fruits: ['plums', 'kiwis', 'oranges', 'bananas', 'apples'],"
                        + " vegetables: ['broccoli', 'zucchini', 'carrots', 'onions']}");
        assertCounts(
                c.updateMany(doc("{}"), doc("{$pull: {fruits: {$in: ['apples', 'oranges']}, vegetables: 'carrots'}}")),
                2,
                2);
        assertExactly(byId(c, 1), "{_id: 1, fruits: ['pears', 'grapes', 'bananas'], vegetables: ['celery', 'squash']}");
        assertExactly(
                byId(c, 2),
                "{_id: 2, fruits: ['plums', 'kiwis', 'bananas'], vegetables: ['broccoli', 'zucchini', 'onions']}");

        var p = collection("profiles");
        p.insertOne(doc("{_id: 1, votes: [3, 5, 6, 7, 7, 8]}"));
        p.updateOne(doc("{_id: 1}"), doc("{$pull: {votes: {$gte: 6}}}"));
        assertExactly(p.find().first(), "{_id: 1, votes: [3, 5]}");

        var s = collection("survey");
        s.insertOne(doc("{_id: 1, results: [{item: 'A', score: 5}, {item: 'B', score: 8, comment: 'x'}]}"));
        s.updateOne(doc("{_id: 1}"), doc("{$pull: {results: {score: 8, item: 'B'}}}"));
        assertExactly(s.find().first(), "{_id: 1, results: [{item: 'A', score: 5}]}");
        assertCounts(s.updateOne(doc("{_id: 1}"), doc("{$pull: {results: {score: 99}}}")), 1, 0);
    }

    @Test
    void pullAllRemovesEveryListedValue() {
        var c = with("{_id: 1, scores: [0, 2, 5, 5, 1, 0]}");
        c.updateOne(doc("{_id: 1}"), doc("{$pullAll: {scores: [0, 5]}}"));
        assertExactly(byId(c, 1), "{_id: 1, scores: [2, 1]}");
    }

    @Test
    void bitAndOrXorKeepTheWiderIntegerType() {
        var c = with(
                "{_id: 1, expdata: 13}",
                "{_id: 2, expdata: {$numberLong: '3'}}",
                "{_id: 3, expdata: {$numberLong: '1'}}");
        c.updateOne(doc("{_id: 1}"), doc("{$bit: {expdata: {and: 10}}}"));
        c.updateOne(doc("{_id: 2}"), doc("{$bit: {expdata: {or: 5}}}"));
        c.updateOne(doc("{_id: 3}"), doc("{$bit: {expdata: {xor: 5}}}"));
        assertExactly(byId(c, 1), "{_id: 1, expdata: 8}");
        assertExactly(byId(c, 2), "{_id: 2, expdata: {$numberLong: '7'}}");
        assertExactly(byId(c, 3), "{_id: 3, expdata: {$numberLong: '4'}}");
    }

    // ---- positional paths ------------------------------------------------------------------------------------

    @Test
    void positionalDollarUpdatesTheFirstMatchedElement() {
        var c = with(
                "{_id: 1, grades: [85, 80, 80]}",
                "{_id: 4, grades: [{grade: 80, mean: 75, std: 8}, {grade: 85, mean: 90, std: 5},"
                        + " {grade: 85, mean: 85, std: 8}]}");
        assertCounts(c.updateOne(doc("{_id: 1, grades: 80}"), doc("{$set: {'grades.$': 82}}")), 1, 1);
        assertExactly(byId(c, 1), "{_id: 1, grades: [85, 82, 80]}");
        c.updateOne(doc("{_id: 4, 'grades.grade': 85}"), doc("{$set: {'grades.$.std': 6}}"));
        c.updateOne(
                doc("{_id: 4, grades: {$elemMatch: {grade: {$lte: 90}, mean: {$gt: 80}}}}"),
                doc("{$inc: {'grades.$.mean': 1}}"));
        assertExactly(
                byId(c, 4),
                "{_id: 4, grades: [{grade: 80, mean: 75, std: 8}, {grade: 85, mean: 91, std: 6},"
                        + " {grade: 85, mean: 85, std: 8}]}");
    }

    @Test
    void positionalDollarInUpdateManyUsesEachDocumentsOwnMatch() {
        var c = with(
                "{_id: 1, grades: [95, 92, 90]}",
                "{_id: 2, grades: [98, 100, 102]}",
                "{_id: 3, grades: [95, 110, 100]}");
        assertCounts(c.updateMany(doc("{grades: {$gte: 100}}"), doc("{$set: {'grades.$': 100}}")), 2, 1);
        assertExactly(byId(c, 1), "{_id: 1, grades: [95, 92, 90]}");
        assertExactly(byId(c, 2), "{_id: 2, grades: [98, 100, 102]}");
        assertExactly(byId(c, 3), "{_id: 3, grades: [95, 100, 100]}");
    }

    @Test
    void positionalDollarWithoutAnArrayInTheQueryFails() {
        var c = with("{_id: 1, grades: [85, 80]}");
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 1}"), doc("{$set: {'grades.$': 1}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getError().getCode()).isEqualTo(2);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("The positional operator did not find the match needed from the query.");
                });
    }

    @Test
    void allPositionalUpdatesEveryElement() {
        var c = with("{_id: 1, grades: [85, 82, 80]}", "{_id: 2, grades: [88, 90, 92]}", "{_id: 3, grades: []}");
        assertCounts(c.updateMany(doc("{}"), doc("{$inc: {'grades.$[]': 10}}")), 3, 2);
        assertExactly(byId(c, 1), "{_id: 1, grades: [95, 92, 90]}");
        assertExactly(byId(c, 2), "{_id: 2, grades: [98, 100, 102]}");
        assertExactly(byId(c, 3), "{_id: 3, grades: []}");
    }

    @Test
    void arrayFiltersSelectTheElementsToUpdate() {
        var c = with(
                "{_id: 1, grades: [95, 92, 90]}",
                "{_id: 2, grades: [98, 100, 102]}",
                "{_id: 3, grades: [95, 110, 100]}");
        assertCounts(
                c.updateMany(
                        doc("{}"),
                        doc("{$set: {'grades.$[element]': 100}}"),
                        new UpdateOptions().arrayFilters(List.of(doc("{element: {$gte: 100}}")))),
                3,
                2);
        assertExactly(byId(c, 1), "{_id: 1, grades: [95, 92, 90]}");
        assertExactly(byId(c, 2), "{_id: 2, grades: [98, 100, 100]}");
        assertExactly(byId(c, 3), "{_id: 3, grades: [95, 100, 100]}");

        var s = collection("students");
        s.insertOne(doc("{_id: 1, grades: [{grade: 80, mean: 75, std: 6}, {grade: 85, mean: 90, std: 4},"
                + " {grade: 85, mean: 85, std: 6}]}"));
        s.updateOne(
                doc("{}"),
                doc("{$set: {'grades.$[elem].mean': 100}}"),
                new UpdateOptions().arrayFilters(List.of(doc("{'elem.grade': {$gte: 85}}"))));
        s.updateOne(
                doc("{}"),
                doc("{$inc: {'grades.$[hi].std': -1}}"),
                new UpdateOptions().arrayFilters(List.of(doc("{'hi.grade': {$gte: 80}, 'hi.std': {$gt: 5}}"))));
        assertExactly(
                s.find().first(),
                "{_id: 1, grades: [{grade: 80, mean: 75, std: 5}, {grade: 85, mean: 100, std: 4},"
                        + " {grade: 85, mean: 100, std: 5}]}");
    }

    @Test
    void nestedArrayFilters() {
        var c = with("{_id: 1, degrees: [{level: 'M', grades: [90, 70]}, {level: 'B', grades: [60, 95]}]}");
        c.updateOne(
                doc("{_id: 1}"),
                doc("{$inc: {'degrees.$[d].grades.$[g]': 1}}"),
                new UpdateOptions().arrayFilters(List.of(doc("{'d.level': 'B'}"), doc("{g: {$gt: 80}}"))));
        assertExactly(
                byId(c, 1), "{_id: 1, degrees: [{level: 'M', grades: [90, 70]}, {level: 'B', grades: [60, 96]}]}");
    }

    // ---- upserts ---------------------------------------------------------------------------------------------

    @Test
    void upsertInsertsTheFilterEqualitiesWithTheUpdateApplied() {
        var c = collection("c");
        UpdateResult result = c.updateOne(
                doc("{status: 'A', 'size.uom': 'cm', qty: {$gt: 5}, $and: [{item: 'x'}], tags: {$in: ['a', 'b']}}"),
                doc("{$set: {z: 1}, $inc: {count: 2}}"),
                new UpdateOptions().upsert(true));
        assertThat(result.getMatchedCount()).isZero();
        assertThat(result.getModifiedCount()).isZero();
        assertThat(result.getUpsertedId()).isInstanceOf(BsonObjectId.class);
        BsonDocument stored = c.find().first();
        assertThat(stored.get("_id")).isEqualTo(result.getUpsertedId());
        assertThat(stored.keySet()).containsExactly("_id", "item", "size", "status", "count", "z");
        assertThat(stored)
                .isEqualTo(doc("{item: 'x', size: {uom: 'cm'}, status: 'A', count: 2, z: 1}")
                        .append("_id", result.getUpsertedId()));

        UpdateResult second = c.updateOne(
                doc("{status: 'A', qty: {$gt: 5}}"), doc("{$set: {z: 1}}"), new UpdateOptions().upsert(true));
        assertThat(second.getUpsertedId()).isInstanceOf(BsonObjectId.class).isNotEqualTo(result.getUpsertedId());
        assertThat(c.countDocuments()).isEqualTo(2);
    }

    @Test
    void upsertTakesTheIdFromTheFilterAndPutsItFirst() {
        var c = collection("c");
        UpdateResult result =
                c.updateMany(doc("{b: 2, _id: 7}"), doc("{$set: {a: 1}}"), new UpdateOptions().upsert(true));
        assertThat(result.getUpsertedId()).isEqualTo(new BsonInt32(7));
        assertExactly(c.find().first(), "{_id: 7, b: 2, a: 1}");
        assertCounts(c.updateOne(doc("{_id: 7}"), doc("{$set: {a: 1}}"), new UpdateOptions().upsert(true)), 1, 0);
    }

    @Test
    void upsertIdFromSetOnInsertComesFirst() {
        var c = collection("c");
        UpdateResult result = c.updateOne(
                doc("{a: 1, b: {$lt: 0}}"), doc("{$setOnInsert: {_id: 'x', z: 1}}"), new UpdateOptions().upsert(true));
        assertThat(result.getUpsertedId()).isEqualTo(new org.bson.BsonString("x"));
        assertExactly(c.find().first(), "{_id: 'x', a: 1, z: 1}");
    }

    @Test
    void upsertAppliesSetOnInsertAndCannotChangeTheFilterId() {
        var c = collection("c");
        c.updateOne(
                doc("{_id: 3}"),
                doc("{$setOnInsert: {created: true}, $push: {log: 'x'}}"),
                new UpdateOptions().upsert(true));
        assertThat(c.find().first()).isEqualTo(doc("{_id: 3, created: true, log: ['x']}"));
        assertThatThrownBy(
                        () -> c.updateOne(doc("{_id: 4}"), doc("{$set: {_id: 5}}"), new UpdateOptions().upsert(true)))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(66));
        assertThat(c.countDocuments()).isEqualTo(1);
    }

    // ---- replaceOne ------------------------------------------------------------------------------------------

    @Test
    void replaceKeepsTheIdAndDropsTheOtherFields() {
        var c = with("{_id: 1, a: 1, b: 2}", "{_id: 2, a: 1}");
        assertCounts(c.replaceOne(doc("{a: 1}"), doc("{c: 3, d: {e: 4}}")), 1, 1);
        assertExactly(byId(c, 1), "{_id: 1, c: 3, d: {e: 4}}");
        assertExactly(byId(c, 2), "{_id: 2, a: 1}");
        assertCounts(c.replaceOne(doc("{_id: 2}"), doc("{a: 1}")), 1, 0);
        assertCounts(c.replaceOne(doc("{_id: 2}"), doc("{_id: 2, a: 1}")), 1, 0);
        assertCounts(c.replaceOne(doc("{_id: 2}"), doc("{a: 1.0}")), 1, 1);
        assertExactly(byId(c, 2), "{_id: 2, a: 1.0}");
        assertCounts(c.replaceOne(doc("{_id: 9}"), doc("{a: 1}")), 0, 0);
    }

    @Test
    void replaceWithUpsertTakesOnlyTheIdFromTheFilter() {
        var c = collection("c");
        UpdateResult generated =
                c.replaceOne(doc("{a: 1, b: {$gt: 2}}"), doc("{x: 1}"), new ReplaceOptions().upsert(true));
        assertThat(generated.getUpsertedId()).isInstanceOf(BsonObjectId.class);
        assertThat(generated.getMatchedCount()).isZero();
        assertThat(c.find(doc("{x: 1}")).first())
                .isEqualTo(new BsonDocument("_id", generated.getUpsertedId()).append("x", new BsonInt32(1)));

        UpdateResult withId = c.replaceOne(doc("{_id: 5, a: 1}"), doc("{y: 2}"), new ReplaceOptions().upsert(true));
        assertThat(withId.getUpsertedId()).isEqualTo(new BsonInt32(5));
        assertExactly(byId(c, 5), "{_id: 5, y: 2}");

        UpdateResult matched = c.replaceOne(doc("{_id: 5}"), doc("{y: 3}"), new ReplaceOptions().upsert(true));
        assertCounts(matched, 1, 1);
        assertExactly(byId(c, 5), "{_id: 5, y: 3}");
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    @Test
    void changingIdIsImmutableField66() {
        var c = with("{_id: 1, a: 1}");
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 1}"), doc("{$set: {_id: 2}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(66);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("Performing an update on the path '_id' would modify the immutable field '_id'");
                });
        assertThatThrownBy(() -> c.replaceOne(doc("{_id: 1}"), doc("{_id: 2, a: 1}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(66);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("After applying the update, the (immutable) field '_id' was found to have"
                                    + " been altered to _id: 2");
                });
        BsonDocument reply = command("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {_id: 3}}}]}");
        assertThat(reply.getInt32("n").getValue()).isZero();
        assertThat(reply.getInt32("nModified").getValue()).isZero();
        BsonDocument error = reply.getArray("writeErrors").get(0).asDocument();
        assertThat(error.keySet()).containsExactly("index", "code", "errmsg");
        assertThat(error.getInt32("code").getValue()).isEqualTo(66);
        assertExactly(byId(c, 1), "{_id: 1, a: 1}");
    }

    @Test
    void conflictingPathsAre40() {
        var c = with("{_id: 1, a: {b: 1}}");
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 1}"), doc("{$set: {a: 1}, $inc: {'a.b': 1}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(40);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("Updating the path 'a.b' would create a conflict at 'a'");
                });
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 1}"), doc("{$set: {x: 1}, $unset: {x: ''}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(40);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("Updating the path 'x' would create a conflict at 'x'");
                });
        assertExactly(byId(c, 1), "{_id: 1, a: {b: 1}}");
    }

    @Test
    void unknownModifierIsFailedToParse9() {
        var c = with("{_id: 1}");
        assertThatThrownBy(() -> c.updateOne(doc("{}"), doc("{$foo: {a: 1}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(9);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("Unknown modifier: $foo. Expected a valid update modifier or pipeline-style"
                                    + " update specified as an array");
                });
        // Even when nothing matches: the update is parsed before the query runs.
        assertThatThrownBy(() -> c.updateMany(doc("{_id: 99}"), doc("{$set: {a: 1}, $bogus: {b: 1}}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(9));
        // The driver refuses to send a plain field next to operators; the server's answer to it:
        BsonDocument mixed = command("{update: 'c', updates: [{q: {}, u: {$set: {a: 1}, b: 2}}]}")
                .getArray("writeErrors")
                .get(0)
                .asDocument();
        assertThat(mixed.getInt32("code").getValue()).isEqualTo(9);
        assertThat(mixed.getString("errmsg").getValue())
                .isEqualTo("Unknown modifier: b. Expected a valid update modifier or pipeline-style update specified"
                        + " as an array");
        assertThatThrownBy(() -> c.updateOne(doc("{}"), doc("{$set: 1}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(9);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("Modifiers operate on fields but we found type int instead. For example:"
                                    + " {$mod: {<field>: ...}} not {$set: 1}");
                });
    }

    @Test
    void incOnAStringIsTypeMismatch14() {
        var c = with("{_id: 1, a: 'x'}");
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 1}"), doc("{$inc: {a: 1}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(14);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a'"
                                    + " of non-numeric type string");
                });
        assertExactly(byId(c, 1), "{_id: 1, a: 'x'}");
    }

    @Test
    void failingUpdateManyLeavesEveryDocumentUnchanged() {
        var c = with("{_id: 1, a: 1}", "{_id: 2, a: 'x'}", "{_id: 3, a: 3}");
        assertThatThrownBy(() -> c.updateMany(doc("{}"), doc("{$inc: {a: 1}}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(14));
        assertThat(c.find().into(new ArrayList<>()))
                .containsExactly(doc("{_id: 1, a: 1}"), doc("{_id: 2, a: 'x'}"), doc("{_id: 3, a: 3}"));
    }

    @Test
    void orderedBulkStopsAtTheFirstErrorAndReportsItsIndex() {
        var c = with("{_id: 1, a: 1, s: 'x'}");
        List<WriteModel<BsonDocument>> ops = List.of(
                new UpdateOneModel<>(doc("{_id: 1}"), doc("{$inc: {a: 1}}")),
                new UpdateOneModel<>(doc("{_id: 1}"), doc("{$inc: {s: 1}}")),
                new UpdateOneModel<>(doc("{_id: 1}"), doc("{$inc: {a: 1}}")));
        assertThatThrownBy(() -> c.bulkWrite(ops)).isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
            assertThat(e.getWriteErrors()).hasSize(1);
            BulkWriteError error = e.getWriteErrors().get(0);
            assertThat(error.getIndex()).isEqualTo(1);
            assertThat(error.getCode()).isEqualTo(14);
            assertThat(e.getWriteResult().getMatchedCount()).isEqualTo(1);
            assertThat(e.getWriteResult().getModifiedCount()).isEqualTo(1);
        });
        assertExactly(byId(c, 1), "{_id: 1, a: 2, s: 'x'}");
    }

    @Test
    void unorderedBulkReportsEveryErrorWithItsIndex() {
        var c = with("{_id: 1, a: 1}", "{_id: 2, a: 2}");
        List<WriteModel<BsonDocument>> ops = List.of(
                new UpdateOneModel<>(doc("{_id: 1}"), doc("{$set: {_id: 5}}")),
                new UpdateManyModel<>(doc("{}"), doc("{$inc: {a: 10}}")),
                new UpdateOneModel<>(doc("{_id: 2}"), doc("{$set: {a: 1}, $unset: {a: 1}}")),
                new UpdateOneModel<>(doc("{_id: 2}"), doc("{$nope: {a: 1}}")),
                new ReplaceOneModel<>(doc("{_id: 3}"), doc("{b: 1}"), new ReplaceOptions().upsert(true)),
                new UpdateOneModel<>(doc("{_id: 1}"), doc("{$set: {a: 11}}")));
        assertThatThrownBy(() -> c.bulkWrite(ops, new BulkWriteOptions().ordered(false)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                    assertThat(e.getWriteErrors())
                            .extracting(BulkWriteError::getIndex, BulkWriteError::getCode)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(0, 66),
                                    org.assertj.core.groups.Tuple.tuple(2, 40),
                                    org.assertj.core.groups.Tuple.tuple(3, 9));
                    assertThat(e.getWriteResult().getMatchedCount()).isEqualTo(3);
                    assertThat(e.getWriteResult().getModifiedCount()).isEqualTo(2);
                    assertThat(e.getWriteResult().getUpserts()).hasSize(1);
                    assertThat(e.getWriteResult().getUpserts().get(0).getIndex())
                            .isEqualTo(4);
                    assertThat(e.getWriteResult().getUpserts().get(0).getId()).isEqualTo(new BsonInt32(3));
                });
        assertThat(c.find().into(new ArrayList<>()))
                .containsExactly(doc("{_id: 1, a: 11}"), doc("{_id: 2, a: 12}"), doc("{_id: 3, b: 1}"));
    }

    @Test
    void updatesKeepSecondaryIndexesInStep() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        for (int i = 0; i < 20; i++) {
            c.insertOne(new BsonDocument("_id", new BsonInt32(i)).append("a", new BsonInt32(i)));
        }
        // Each document moves ahead in the index it is read through; each must still be updated once.
        assertCounts(c.updateMany(doc("{a: {$gte: 0}}"), doc("{$inc: {a: 100}}")), 20, 20);
        assertThat(c.countDocuments(doc("{a: {$lt: 100}}"))).isZero();
        assertThat(c.find(doc("{a: {$gte: 100}}")).hint(doc("{a: 1}")).into(new ArrayList<>()))
                .extracting(d -> d.getInt32("a").getValue())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(100, 120).boxed().toList());
        c.replaceOne(doc("{_id: 3}"), doc("{b: 1}"));
        assertThat(c.find(doc("{a: 103}")).hint(doc("{a: 1}")).first()).isNull();
        assertThat(c.find(doc("{a: null}")).hint(doc("{a: 1}")).into(new ArrayList<>()))
                .containsExactly(doc("{_id: 3, b: 1}"));
    }

    @Test
    void updateIntoAUniqueIndexValueIsDuplicateKey11000() {
        var c = with("{_id: 1, email: 'a'}", "{_id: 2, email: 'b'}");
        c.createIndex(doc("{email: 1}"), new com.mongodb.client.model.IndexOptions().unique(true));
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 2}"), doc("{$set: {email: 'a'}}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(11000);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("E11000 duplicate key error collection: test.c index: email_1 dup key:"
                                    + " { email: \"a\" }");
                });
        BsonDocument error = command("{update: 'c', updates: [{q: {_id: 9}, u: {$set: {email: 'b'}}, upsert: true}]}")
                .getArray("writeErrors")
                .get(0)
                .asDocument();
        assertThat(error.getInt32("index").getValue()).isZero();
        assertThat(error.getInt32("code").getValue()).isEqualTo(11000);
        assertThat(error.getDocument("keyPattern")).isEqualTo(doc("{email: 1}"));
        assertThat(error.getDocument("keyValue")).isEqualTo(doc("{email: 'b'}"));
        assertThat(c.find().into(new ArrayList<>()))
                .containsExactly(doc("{_id: 1, email: 'a'}"), doc("{_id: 2, email: 'b'}"));
    }

    @Test
    void multiReplacementAndUnknownHintAreWriteErrors() {
        with("{_id: 1, a: 1}");
        BsonDocument reply = command("{update: 'c', ordered: false, updates: ["
                + "{q: {}, u: {b: 1}, multi: true},"
                + "{q: {}, u: {$set: {b: 1}}, hint: 'nope_1'},"
                + "{q: {}, u: {$set: {b: 2}}, hint: {_id: 1}}]}");
        assertThat(reply.getArray("writeErrors"))
                .extracting(
                        e -> e.asDocument().getInt32("index").getValue(),
                        e -> e.asDocument().getInt32("code").getValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 9), org.assertj.core.groups.Tuple.tuple(1, 2));
        assertThat(reply.getArray("writeErrors")
                        .get(0)
                        .asDocument()
                        .getString("errmsg")
                        .getValue())
                .isEqualTo("multi update is not supported for replacement-style update");
        assertThat(reply.getArray("writeErrors")
                        .get(1)
                        .asDocument()
                        .getString("errmsg")
                        .getValue())
                .isEqualTo("hint provided does not correspond to an existing index");
        assertThat(reply.getInt32("n").getValue()).isEqualTo(1);
        assertThat(reply.getInt32("nModified").getValue()).isEqualTo(1);
        assertExactly(byId(collection("c"), 1), "{_id: 1, a: 1, b: 2}");
    }

    @Test
    void rawUpdateReplyCountsUpsertsInNAndListsThem() {
        with("{_id: 1, a: 1}");
        BsonDocument reply = command("{update: 'c', updates: ["
                + "{q: {_id: 1}, u: {$set: {a: 2}}},"
                + "{q: {_id: 2}, u: {$set: {a: 2}}, upsert: true},"
                + "{q: {a: 2}, u: {$set: {b: 1}}, multi: true},"
                + "{q: {_id: 3}, u: {c: 1}, upsert: true}]}");
        assertThat(reply.getInt32("n").getValue()).isEqualTo(5);
        assertThat(reply.getInt32("nModified").getValue()).isEqualTo(3);
        assertThat(reply.getArray("upserted")).containsExactly(doc("{index: 1, _id: 2}"), doc("{index: 3, _id: 3}"));
        assertThat(reply.containsKey("writeErrors")).isFalse();
    }
}
