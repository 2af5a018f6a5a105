package io.wrongodb.query;

import static io.wrongodb.query.Documents.doc;
import static io.wrongodb.query.Documents.docs;
import static io.wrongodb.query.Documents.ids;
import static io.wrongodb.query.Documents.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Scalar conditions, paths, null and type rules, each as MongoDB 7.0 answers them. */
class FilterTest {
    // The inventory collection of MongoDB's "Query Documents" tutorial.
    static final List<BsonDocument> INVENTORY = docs(
            "{_id: 1, item: 'journal', qty: 25, size: {h: 14, w: 21, uom: 'cm'}, status: 'A'}",
            "{_id: 2, item: 'notebook', qty: 50, size: {h: 8.5, w: 11, uom: 'in'}, status: 'A'}",
            "{_id: 3, item: 'paper', qty: 100, size: {h: 8.5, w: 11, uom: 'in'}, status: 'D'}",
            "{_id: 4, item: 'planner', qty: 75, size: {h: 22.85, w: 30, uom: 'cm'}, status: 'D'}",
            "{_id: 5, item: 'postcard', qty: 45, size: {h: 10, w: 15.25, uom: 'cm'}, status: 'A'}");

    @Test
    void emptyFilterMatchesEverything() {
        assertThat(ids("{}", INVENTORY)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void tutorialQueries() {
        assertThat(ids("{status: 'D'}", INVENTORY)).containsExactly(3, 4);
        assertThat(ids("{status: {$in: ['A', 'D']}}", INVENTORY)).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids("{status: 'A', qty: {$lt: 30}}", INVENTORY)).containsExactly(1);
        assertThat(ids("{$or: [{status: 'A'}, {qty: {$lt: 30}}]}", INVENTORY)).containsExactly(1, 2, 5);
        assertThat(ids("{status: 'A', $or: [{qty: {$lt: 30}}, {item: /^p/}]}", INVENTORY))
                .containsExactly(1, 5);
        assertThat(ids("{'size.uom': 'in'}", INVENTORY)).containsExactly(2, 3);
        assertThat(ids("{'size.h': {$lt: 15}, 'size.uom': 'in', status: 'D'}", INVENTORY))
                .containsExactly(3);
    }

    @Test
    void embeddedDocumentEqualityIsExactAndOrderSensitive() {
        assertThat(ids("{size: {h: 14, w: 21, uom: 'cm'}}", INVENTORY)).containsExactly(1);
        assertThat(ids("{size: {w: 21, h: 14, uom: 'cm'}}", INVENTORY)).isEmpty();
        assertThat(ids("{size: {h: 14, w: 21}}", INVENTORY)).isEmpty();
    }

    @Test
    void numbersAreEqualAcrossTypes() {
        for (String value : List.of("1", "1.0", "NumberLong(1)", "NumberDecimal('1.00')")) {
            assertThat(matches("{a: 1}", "{a: " + value + "}")).as(value).isTrue();
            assertThat(matches("{a: NumberDecimal('1')}", "{a: " + value + "}"))
                    .as(value)
                    .isTrue();
        }
        assertThat(matches("{a: 1}", "{a: '1'}")).isFalse();
        assertThat(matches("{a: 9007199254740993}", "{a: 9007199254740992.0}")).isFalse();
    }

    @Test
    void comparisonsKeepToOneType() {
        assertThat(matches("{a: {$gt: 5}}", "{a: 6}")).isTrue();
        assertThat(matches("{a: {$gt: 5}}", "{a: 5.5}")).isTrue();
        assertThat(matches("{a: {$gt: 5}}", "{a: 'z'}")).isFalse();
        assertThat(matches("{a: {$lt: 5}}", "{a: 'z'}")).isFalse();
        assertThat(matches("{a: {$lt: 'b'}}", "{a: 'a'}")).isTrue();
        assertThat(matches("{a: {$lt: 'b'}}", "{a: 1}")).isFalse();
        assertThat(matches("{a: {$gte: 5, $lte: 5}}", "{a: NumberLong(5)}")).isTrue();
        assertThat(matches("{a: {$gt: 5}}", "{}")).isFalse();
        assertThat(matches("{a: {$gt: ISODate('2020-01-01T00:00:00Z')}}", "{a: ISODate('2021-01-01T00:00:00Z')}"))
                .isTrue();
        assertThat(matches("{a: {$gt: ISODate('2020-01-01T00:00:00Z')}}", "{a: 1e15}"))
                .isFalse();
    }

    @Test
    void minKeyAndMaxKeyBoundEveryType() {
        assertThat(matches("{a: {$lt: MaxKey}}", "{a: 'x'}")).isTrue();
        assertThat(matches("{a: {$lte: MaxKey}}", "{a: {b: 1}}")).isTrue();
        assertThat(matches("{a: {$gt: MaxKey}}", "{a: 1}")).isFalse();
        assertThat(matches("{a: {$gt: MinKey}}", "{a: 1}")).isTrue();
        assertThat(matches("{a: {$lt: MinKey}}", "{a: 1}")).isFalse();
        assertThat(matches("{a: MaxKey}", "{a: MaxKey}")).isTrue();
        assertThat(matches("{a: MaxKey}", "{a: 1}")).isFalse();
    }

    @Test
    void nanEqualsOnlyNanAndIsNeitherAboveNorBelow() {
        assertThat(matches("{a: NaN}", "{a: NaN}")).isTrue();
        assertThat(matches("{a: NaN}", "{a: NumberDecimal('NaN')}")).isTrue();
        assertThat(matches("{a: {$lt: 0}}", "{a: NaN}")).isFalse();
        assertThat(matches("{a: {$gt: NaN}}", "{a: 1}")).isFalse();
        assertThat(matches("{a: {$gte: NaN}}", "{a: NaN}")).isTrue();
        assertThat(matches("{a: {$gt: NaN}}", "{a: NaN}")).isFalse();
    }

    @Test
    void nullMatchesNullMissingAndUndefined() {
        List<BsonDocument> docs = docs(
                "{_id: 1, a: null}",
                "{_id: 2}",
                "{_id: 3, a: undefined}",
                "{_id: 4, a: 0}",
                "{_id: 5, a: [null, 1]}",
                "{_id: 6, a: [1, 2]}",
                "{_id: 7, a: false}");
        assertThat(ids("{a: null}", docs)).containsExactly(1, 2, 3, 5);
        assertThat(ids("{a: {$ne: null}}", docs)).containsExactly(4, 6, 7);
        assertThat(ids("{a: {$gte: null}}", docs)).containsExactly(1, 2, 3, 5);
        assertThat(ids("{a: {$lt: null}}", docs)).isEmpty();
        assertThat(ids("{a: {$in: [null, 0]}}", docs)).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids("{a: {$type: 'null'}}", docs)).containsExactly(1, 5);
    }

    @Test
    void nullOnADottedPath() {
        assertThat(matches("{'a.b': null}", "{a: 5}")).isTrue();
        assertThat(matches("{'a.b': null}", "{a: {c: 1}}")).isTrue();
        assertThat(matches("{'a.b': null}", "{a: [{b: 1}, {c: 1}]}")).isTrue();
        assertThat(matches("{'a.b': null}", "{a: [{b: 1}]}")).isFalse();
        // Scalars in an array have no field b: nothing to compare, so no match.
        assertThat(matches("{'a.b': null}", "{a: [1, 2]}")).isFalse();
        assertThat(matches("{'a.b': {$ne: null}}", "{a: [1, 2]}")).isTrue();
    }

    @Test
    void existsIsAboutPresenceNotValue() {
        assertThat(matches("{a: {$exists: true}}", "{a: null}")).isTrue();
        assertThat(matches("{a: {$exists: true}}", "{b: 1}")).isFalse();
        assertThat(matches("{a: {$exists: false}}", "{b: 1}")).isTrue();
        assertThat(matches("{a: {$exists: false}}", "{a: false}")).isFalse();
        assertThat(matches("{a: {$exists: 0}}", "{}")).isTrue();
        assertThat(matches("{a: {$exists: 'yes'}}", "{a: 1}")).isTrue();
        assertThat(matches("{'a.b': {$exists: true}}", "{a: [{c: 1}, {b: 2}]}")).isTrue();
        assertThat(matches("{'a.b': {$exists: false}}", "{a: [1, 2]}")).isTrue();
    }

    @Test
    void inAndNin() {
        assertThat(matches("{a: {$in: [1, 'x']}}", "{a: 'x'}")).isTrue();
        assertThat(matches("{a: {$in: [1, 'x']}}", "{a: 2}")).isFalse();
        assertThat(matches("{a: {$in: []}}", "{a: 2}")).isFalse();
        assertThat(matches("{a: {$in: [/^ab/, 3]}}", "{a: 'abc'}")).isTrue();
        assertThat(matches("{a: {$in: [/^ab/, 3]}}", "{a: 'cab'}")).isFalse();
        assertThat(matches("{a: {$in: [[1, 2]]}}", "{a: [1, 2]}")).isTrue();
        assertThat(matches("{a: {$nin: [1]}}", "{}")).isTrue();
        assertThat(matches("{a: {$nin: [1]}}", "{a: [2, 1]}")).isFalse();
        assertThat(matches("{a: {$nin: [1, /x/]}}", "{a: 'y'}")).isTrue();
        assertThat(matches("{a: {$nin: [null]}}", "{}")).isFalse();
    }

    @Test
    void notNegatesTheWholeCondition() {
        List<BsonDocument> docs =
                docs("{_id: 1, price: 1.99}", "{_id: 2, price: 2.5}", "{_id: 3}", "{_id: 4, price: 'free'}");
        assertThat(ids("{price: {$not: {$gt: 1.99}}}", docs)).containsExactly(1, 3, 4);
        assertThat(ids("{price: {$lte: 1.99}}", docs)).containsExactly(1);
        assertThat(matches("{item: {$not: /^p.*/}}", "{item: 'journal'}")).isTrue();
        assertThat(matches("{item: {$not: /^p.*/}}", "{item: 'paper'}")).isFalse();
        assertThat(matches("{item: {$not: {$regex: '^P', $options: 'i'}}}", "{item: 'paper'}"))
                .isFalse();
        assertThat(matches("{a: {$not: {$gt: 1, $lt: 5}}}", "{a: 7}")).isTrue();
        assertThat(matches("{a: {$not: {$gt: 1, $lt: 5}}}", "{a: 3}")).isFalse();
    }

    @Test
    void neAndNinLookAtEveryValueOnThePath() {
        assertThat(matches("{a: {$ne: 5}}", "{a: [1, 5]}")).isFalse();
        assertThat(matches("{a: {$ne: 5}}", "{a: [1, 6]}")).isTrue();
        assertThat(matches("{'a.b': {$ne: 5}}", "{a: [{b: 1}, {b: 5}]}")).isFalse();
        assertThat(matches("{a: {$ne: 5}}", "{}")).isTrue();
    }

    @Test
    void logicalOperators() {
        assertThat(matches("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 2}")).isTrue();
        assertThat(matches("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 3}")).isFalse();
        assertThat(matches("{$or: [{a: 1}, {b: 2}]}", "{a: 0, b: 2}")).isTrue();
        assertThat(matches("{$nor: [{price: 1.99}, {sale: true}]}", "{price: 2}"))
                .isTrue();
        assertThat(matches("{$nor: [{price: 1.99}, {sale: true}]}", "{price: 2, sale: true}"))
                .isFalse();
        assertThat(matches("{$nor: [{price: 1.99}, {sale: true}]}", "{}")).isTrue();
        assertThat(matches("{a: 1, $comment: 'why'}", "{a: 1}")).isTrue();
        assertThat(matches("{$alwaysFalse: 1}", "{a: 1}")).isFalse();
        assertThat(matches("{$alwaysTrue: 1}", "{a: 1}")).isTrue();
    }

    @Test
    void regexAndItsOptions() {
        assertThat(matches("{a: {$regex: 'acme.*corp', $options: 'i'}}", "{a: 'ACME Corp'}"))
                .isTrue();
        assertThat(matches("{a: {$regex: 'acme.*corp'}}", "{a: 'ACME Corp'}")).isFalse();
        assertThat(matches("{a: {$options: 'i', $regex: 'x'}}", "{a: 'X'}")).isTrue();
        assertThat(matches("{a: {$regex: /^s/m}}", "{a: 'first\\nsecond'}")).isTrue();
        assertThat(matches("{a: {$regex: '^s'}}", "{a: 'first\\nsecond'}")).isFalse();
        assertThat(matches("{a: {$regex: 'a.c', $options: 's'}}", "{a: 'a\\nc'}"))
                .isTrue();
        assertThat(matches("{a: {$regex: 'a.c'}}", "{a: 'a\\nc'}")).isFalse();
        assertThat(matches("{a: {$regex: 'a b  # comment\\n c', $options: 'x'}}", "{a: 'abc'}"))
                .isTrue();
        assertThat(matches("{a: /b/}", "{a: ['x', 'abc']}")).isTrue();
        assertThat(matches("{a: /1/}", "{a: 1}")).isFalse();
    }

    @Test
    void regexAsAValueMatchesAStoredRegexWithTheSameOptions() {
        assertThat(matches("{a: /x/i}", "{a: /x/i}")).isTrue();
        assertThat(matches("{a: /x/i}", "{a: /x/}")).isFalse();
        assertThat(matches("{a: {$eq: /x/}}", "{a: /x/}")).isTrue();
        assertThat(matches("{a: {$eq: /x/}}", "{a: 'x'}")).isFalse();
    }

    @Test
    void modTruncatesAndKeepsTheDividendsSign() {
        assertThat(matches("{a: {$mod: [4, 0]}}", "{a: 8}")).isTrue();
        assertThat(matches("{a: {$mod: [4, 0]}}", "{a: 8.9}")).isTrue();
        assertThat(matches("{a: {$mod: [4, 0]}}", "{a: NumberDecimal('8.9')}")).isTrue();
        assertThat(matches("{a: {$mod: [4, 0]}}", "{a: 9}")).isFalse();
        assertThat(matches("{a: {$mod: [4, 0]}}", "{a: '8'}")).isFalse();
        assertThat(matches("{a: {$mod: [4, -1]}}", "{a: -5}")).isTrue();
        assertThat(matches("{a: {$mod: [4.5, 1.9]}}", "{a: 5}")).isTrue();
        assertThat(matches("{a: {$mod: [2, 0]}}", "{a: NaN}")).isFalse();
        assertThat(matches("{a: {$mod: [2, 0]}}", "{a: [3, 4]}")).isTrue();
    }

    @Test
    void typeByNameNumberAndArrayOfTypes() {
        assertThat(matches("{a: {$type: 'string'}}", "{a: 'x'}")).isTrue();
        assertThat(matches("{a: {$type: 2}}", "{a: 'x'}")).isTrue();
        assertThat(matches("{a: {$type: 2.0}}", "{a: 'x'}")).isTrue();
        assertThat(matches("{a: {$type: 'double'}}", "{a: 1}")).isFalse();
        assertThat(matches("{a: {$type: 'int'}}", "{a: 1}")).isTrue();
        assertThat(matches("{a: {$type: 'long'}}", "{a: NumberLong(1)}")).isTrue();
        assertThat(matches("{a: {$type: 'decimal'}}", "{a: NumberDecimal('1')}"))
                .isTrue();
        for (String n : List.of("1", "1.5", "NumberLong(1)", "NumberDecimal('1')")) {
            assertThat(matches("{a: {$type: 'number'}}", "{a: " + n + "}"))
                    .as(n)
                    .isTrue();
        }
        assertThat(matches("{a: {$type: 'number'}}", "{a: '1'}")).isFalse();
        assertThat(matches("{a: {$type: ['string', 'bool']}}", "{a: true}")).isTrue();
        assertThat(matches("{a: {$type: ['string', 'bool']}}", "{a: 1}")).isFalse();
        assertThat(matches("{a: {$type: 'array'}}", "{a: []}")).isTrue();
        assertThat(matches("{a: {$type: 'array'}}", "{a: 'x'}")).isFalse();
        assertThat(matches("{a: {$type: 'string'}}", "{a: [1, 'x']}")).isTrue();
        assertThat(matches("{a: {$type: 'minKey'}}", "{a: MinKey}")).isTrue();
        assertThat(matches("{a: {$type: -1}}", "{a: MinKey}")).isTrue();
        assertThat(matches("{a: {$type: 127}}", "{a: MaxKey}")).isTrue();
        assertThat(matches("{a: {$type: 'null'}}", "{}")).isFalse();
        assertThat(matches("{a: {$type: 'date'}}", "{a: ISODate('2020-01-01T00:00:00Z')}"))
                .isTrue();
        assertThat(matches("{a: {$type: 'object'}}", "{a: {}}")).isTrue();
        assertThat(matches("{a: {$type: 'undefined'}}", "{a: undefined}")).isTrue();
    }

    @Test
    void dottedPathsAndNumericComponents() {
        assertThat(matches("{'a.b.c': 1}", "{a: {b: {c: 1}}}")).isTrue();
        assertThat(matches("{'a.b.c': 1}", "{a: {b: 1}}")).isFalse();
        assertThat(matches("{'a.0': 1}", "{a: [1, 2]}")).isTrue();
        assertThat(matches("{'a.1': 1}", "{a: [1, 2]}")).isFalse();
        assertThat(matches("{'a.0': 1}", "{a: {'0': 1}}")).isTrue();
        assertThat(matches("{'a.1.b': 2}", "{a: [{b: 1}, {b: 2}]}")).isTrue();
        assertThat(matches("{'a.0.b': 2}", "{a: [{b: 1}, {b: 2}]}")).isFalse();
        // A number names both a field of the documents in the array and a position in it.
        assertThat(matches("{'a.0': 5}", "{a: [{'0': 5}]}")).isTrue();
        assertThat(matches("{'a.0.0': 5}", "{a: [[5, 6]]}")).isTrue();
        assertThat(matches("{'a.01': 1}", "{a: [1, 1]}")).isFalse();
        assertThat(matches("{'a.5': {$exists: false}}", "{a: [1, 2]}")).isTrue();
    }

    @Test
    void exprComparesFieldsOfTheSameDocument() {
        // MongoDB's $expr example: budgets where spending exceeds the budget.
        List<BsonDocument> monthlyBudget = docs(
                "{_id: 1, category: 'food', budget: 400, spent: 450}",
                "{_id: 2, category: 'drinks', budget: 100, spent: 150}",
                "{_id: 3, category: 'clothes', budget: 100, spent: 50}",
                "{_id: 4, category: 'misc', budget: 500, spent: 300}",
                "{_id: 5, category: 'travel', budget: 200, spent: 650}");
        assertThat(ids("{$expr: {$gt: ['$spent', '$budget']}}", monthlyBudget)).containsExactly(1, 2, 5);
        assertThat(ids(
                        "{$expr: {$lt: [{$cond: {if: {$gte: ['$spent', 400]}, then: {$multiply: ['$spent',"
                                + " 0.5]}, else: '$spent'}}, 200]}, category: {$ne: 'misc'}}",
                        monthlyBudget))
                .containsExactly(2, 3);
        assertThat(matches("{$expr: '$flag'}", "{flag: 0}")).isFalse();
        assertThat(matches("{$expr: '$flag'}", "{flag: 'no'}")).isTrue();
        assertThat(matches("{$expr: '$flag'}", "{}")).isFalse();
        assertThat(matches("{$or: [{$expr: {$eq: ['$a', '$b']}}]}", "{a: 1, b: 1.0}"))
                .isTrue();
    }

    @Test
    void dbRefFieldsAreMatchedByEquality() {
        assertThat(matches("{owner: {$ref: 'users', $id: 5}}", "{owner: {$ref: 'users', $id: 5}}"))
                .isTrue();
        assertThat(matches("{'owner.$id': 5}", "{owner: {$ref: 'users', $id: 5}}"))
                .isTrue();
    }

    @Test
    void spec() {
        BsonDocument spec = doc("{a: 1}");
        assertThat(Filter.parse(spec).spec()).isSameAs(spec);
    }
}
