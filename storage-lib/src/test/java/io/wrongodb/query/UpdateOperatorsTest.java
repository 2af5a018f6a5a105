package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.apply;
import static io.wrongodb.query.UpdateTesting.assertDocument;
import static io.wrongodb.query.UpdateTesting.doc;
import static io.wrongodb.query.UpdateTesting.insert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The field operators, with the examples of MongoDB's manual where it has them. */
class UpdateOperatorsTest {
    @Test
    void setReplacesCreatesAndNestsFields() {
        assertDocument(
                apply(
                        "{_id: 100, quantity: 250, details: {model: '14QQ', make: 'Clothes Corp'}}",
                        "{$set: {quantity: 500, details: {model: '2600', make: 'Fashionaires'}, tags: ['coats']}}"),
                "{_id: 100, quantity: 500, details: {model: '2600', make: 'Fashionaires'}, tags: ['coats']}");
        assertDocument(apply("{_id: 1, a: {b: 1}}", "{$set: {'a.c': 2}}"), "{_id: 1, a: {b: 1, c: 2}}");
        assertDocument(apply("{_id: 1}", "{$set: {'a.b.c': 2}}"), "{_id: 1, a: {b: {c: 2}}}");
    }

    @Test
    void newFieldsAreAppendedInOrderOfPathNotOfTheUpdate() {
        assertDocument(apply("{_id: 1}", "{$set: {c: 1, b: 1, a: 1}}"), "{_id: 1, a: 1, b: 1, c: 1}");
        assertDocument(apply("{_id: 1}", "{$set: {b: 1}, $inc: {a: 1}}"), "{_id: 1, a: 1, b: 1}");
        // Numeric names compare as numbers: 10 after 9.
        assertDocument(apply("{_id: 1, a: {}}", "{$set: {'a.10': 1, 'a.9': 2}}"), "{_id: 1, a: {'9': 2, '10': 1}}");
    }

    @Test
    void setOfAnArrayIndexPastTheEndPadsWithNulls() {
        assertDocument(apply("{_id: 1, a: [1]}", "{$set: {'a.3': 4}}"), "{_id: 1, a: [1, null, null, 4]}");
        assertDocument(apply("{_id: 1, a: [1, 2]}", "{$set: {'a.0': 9}}"), "{_id: 1, a: [9, 2]}");
        assertDocument(apply("{_id: 1, a: [{b: 1}]}", "{$set: {'a.0.c': 2}}"), "{_id: 1, a: [{b: 1, c: 2}]}");
    }

    @Test
    void applyLeavesTheOriginalAndTheUpdateAlone() {
        BsonDocument original = doc("{_id: 1, a: {b: [1]}}");
        BsonDocument updateDoc = doc("{$set: {c: {d: 1}}, $push: {'a.b': 2}}");
        Update update = Update.parse(updateDoc, List.of());
        BsonDocument first = update.apply(original, null, false);
        first.getDocument("c").put("d", new org.bson.BsonInt32(5));
        assertDocument(original, "{_id: 1, a: {b: [1]}}");
        assertDocument(updateDoc, "{$set: {c: {d: 1}}, $push: {'a.b': 2}}");
        assertDocument(update.apply(original, null, false), "{_id: 1, a: {b: [1, 2]}, c: {d: 1}}");
    }

    @Test
    void unsetRemovesFieldsAndNullsArrayElements() {
        assertDocument(
                apply("{_id: 1, a: 1, b: 2, c: {d: 1, e: 2}}", "{$unset: {a: '', 'c.d': 1, zz: 1}}"),
                "{_id: 1, b: 2, c: {e: 2}}");
        assertDocument(apply("{_id: 1, a: [1, 2, 3]}", "{$unset: {'a.1': 1}}"), "{_id: 1, a: [1, null, 3]}");
        assertDocument(apply("{_id: 1, a: 5}", "{$unset: {'a.b': 1}}"), "{_id: 1, a: 5}");
    }

    @Test
    void incAddsAndKeepsTheWiderType() {
        assertDocument(
                apply(
                        "{_id: 1, sku: 'abc123', quantity: 10, metrics: {orders: 2, ratings: 3.5}}",
                        "{$inc: {quantity: -2, 'metrics.orders': 1}}"),
                "{_id: 1, sku: 'abc123', quantity: 8, metrics: {orders: 3, ratings: 3.5}}");
        assertDocument(apply("{_id: 1, a: 1}", "{$inc: {a: 2.5}}"), "{_id: 1, a: 3.5}");
        assertDocument(apply("{_id: 1, a: 1}", "{$inc: {a: {$numberLong: '1'}}}"), "{_id: 1, a: {$numberLong: '2'}}");
        assertDocument(apply("{_id: 1}", "{$inc: {a: 5}}"), "{_id: 1, a: 5}");
        assertDocument(
                apply("{_id: 1, a: {$numberDecimal: '1.5'}}", "{$inc: {a: 1}}"),
                "{_id: 1, a: {$numberDecimal: '2.5'}}");
    }

    @Test
    void incOfAnIntPastItsRangeBecomesALong() {
        assertDocument(apply("{_id: 1, a: 2147483647}", "{$inc: {a: 1}}"), "{_id: 1, a: {$numberLong: '2147483648'}}");
    }

    @Test
    void mulMultipliesAndAMissingFieldBecomesZeroOfTheOperandsType() {
        assertDocument(
                apply("{_id: 1, price: 10, qty: 25}", "{$mul: {price: 1.25, qty: 2}}"),
                "{_id: 1, price: 12.5, qty: 50}");
        assertDocument(
                apply("{_id: 2}", "{$mul: {price: {$numberLong: '100'}}}"), "{_id: 2, price: {$numberLong: '0'}}");
        assertDocument(apply("{_id: 2}", "{$mul: {price: 2.5}}"), "{_id: 2, price: 0.0}");
        assertDocument(apply("{_id: 3, a: 65536}", "{$mul: {a: 65536}}"), "{_id: 3, a: {$numberLong: '4294967296'}}");
    }

    @Test
    void minAndMaxCompareInMongoDbsOrderOfAllValues() {
        assertDocument(
                apply("{_id: 1, highScore: 800, lowScore: 200}", "{$min: {lowScore: 150}}"),
                "{_id: 1, highScore: 800, lowScore: 150}");
        assertDocument(
                apply("{_id: 1, highScore: 800, lowScore: 200}", "{$min: {lowScore: 250}}"),
                "{_id: 1, highScore: 800, lowScore: 200}");
        assertDocument(
                apply("{_id: 1, highScore: 800, lowScore: 200}", "{$max: {highScore: 950}}"),
                "{_id: 1, highScore: 950, lowScore: 200}");
        // Every number is below every string; null below numbers.
        assertDocument(apply("{_id: 1, a: 5}", "{$max: {a: 'x'}}"), "{_id: 1, a: 'x'}");
        assertDocument(apply("{_id: 1, a: 5}", "{$min: {a: null}}"), "{_id: 1, a: null}");
        assertDocument(apply("{_id: 1}", "{$max: {a: 3}}"), "{_id: 1, a: 3}");
    }

    @Test
    void renameMovesTheValueToTheEndOfItsNewParent() {
        assertDocument(
                apply(
                        "{_id: 1, nickname: 'x', cell: '555', name: {first: 'a', last: 'b'}}",
                        "{$rename: {nickname: 'alias', cell: 'mobile'}}"),
                "{_id: 1, name: {first: 'a', last: 'b'}, alias: 'x', mobile: '555'}");
        assertDocument(
                apply("{_id: 1, name: {first: 'a', last: 'b'}}", "{$rename: {'name.first': 'fname'}}"),
                "{_id: 1, name: {last: 'b'}, fname: 'a'}");
        assertDocument(apply("{_id: 1, a: 1, b: 2}", "{$rename: {a: 'b'}}"), "{_id: 1, b: 1}");
        assertDocument(apply("{_id: 1, a: 1}", "{$rename: {missing: 'b'}}"), "{_id: 1, a: 1}");
    }

    @Test
    void setOnInsertAppliesOnlyWhenInserting() {
        assertDocument(apply("{_id: 1, a: 1}", "{$set: {b: 2}, $setOnInsert: {c: 3}}"), "{_id: 1, a: 1, b: 2}");
        assertDocument(insert("{_id: 1, a: 1}", "{$set: {b: 2}, $setOnInsert: {c: 3}}"), "{_id: 1, a: 1, b: 2, c: 3}");
    }

    @Test
    void currentDateSetsADateOrATimestamp() {
        long before = System.currentTimeMillis();
        BsonDocument updated = apply(
                "{_id: 1, lastModified: 1}",
                "{$currentDate: {lastModified: true, 'cancellation.date': {$type: 'timestamp'}, d: {$type: 'date'}}}");
        assertThat(updated.get("lastModified").isDateTime()).isTrue();
        assertThat(updated.getDateTime("lastModified").getValue()).isGreaterThanOrEqualTo(before);
        assertThat(updated.getDocument("cancellation").get("date").isTimestamp())
                .isTrue();
        assertThat(updated.get("d").isDateTime()).isTrue();
    }

    @Test
    void bitAppliesAndOrXor() {
        assertDocument(apply("{_id: 1, expdata: 13}", "{$bit: {expdata: {and: 10}}}"), "{_id: 1, expdata: 8}");
        assertDocument(
                apply("{_id: 2, expdata: 3}", "{$bit: {expdata: {or: {$numberLong: '5'}}}}"),
                "{_id: 2, expdata: {$numberLong: '7'}}");
        assertDocument(apply("{_id: 3, expdata: 1}", "{$bit: {expdata: {xor: 5}}}"), "{_id: 3, expdata: 4}");
        assertDocument(apply("{_id: 4}", "{$bit: {a: {or: 6, and: 3}}}"), "{_id: 4, a: 2}");
    }

    @Test
    void idStaysFirstWhenAnUpsertCreatesIt() {
        assertDocument(insert("{a: 1}", "{$set: {_id: 5, b: 1}}"), "{_id: 5, a: 1, b: 1}");
    }

    @Test
    void settingIdToTheSameValueIsAllowed() {
        assertDocument(apply("{_id: 1, a: 1}", "{$set: {_id: 1, a: 2}}"), "{_id: 1, a: 2}");
    }
}
