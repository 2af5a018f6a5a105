package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * The query operators of find filters through the driver, as MongoDB 7.0 answers them: comparison ($eq $ne $gt $gte
 * $lt $lte $in $nin), logical ($and $or $nor $not), element ($exists $type), array ($size $all $elemMatch),
 * evaluation ($regex $mod $expr with comparison and arithmetic expressions), dotted paths into arrays of
 * documents, null against missing, type bracketing and numeric equality across int, long, double and decimal.
 */
class QueryOperatorsTest extends DriverTestBase {

    /** The _ids of the documents matching {@code filter}, in _id order. */
    private List<Integer> ids(MongoCollection<BsonDocument> c, String filter) {
        return c.find(doc(filter))
                .sort(doc("{_id: 1}"))
                .map(d -> d.getInt32("_id").getValue())
                .into(new ArrayList<>());
    }

    private void assertQueryError(MongoCollection<BsonDocument> c, String filter, int code, String message) {
        assertThatThrownBy(() -> c.find(doc(filter)).first()).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorMessage()).isEqualTo(message);
        });
    }

    @Test
    void comparisonOperatorsStayWithinTheTypeOfTheirArgument() {
        var c = insertIntoC("{_id: 1, a: 1}", "{_id: 2, a: 2}", "{_id: 3, a: 3}", "{_id: 4, a: 'x'}", "{_id: 5}");
        assertThat(ids(c, "{a: {$eq: 2}}")).containsExactly(2);
        assertThat(ids(c, "{a: 2}")).containsExactly(2);
        assertThat(ids(c, "{a: {$gt: 1}}")).containsExactly(2, 3);
        assertThat(ids(c, "{a: {$gte: 2}}")).containsExactly(2, 3);
        assertThat(ids(c, "{a: {$lt: 3}}")).containsExactly(1, 2);
        assertThat(ids(c, "{a: {$lte: 1}}")).containsExactly(1);
        // $ne matches every other value, of any type, and documents without the field.
        assertThat(ids(c, "{a: {$ne: 2}}")).containsExactly(1, 3, 4, 5);
        // A string bound only reaches strings.
        assertThat(ids(c, "{a: {$gt: 'a'}}")).containsExactly(4);
        assertThat(ids(c, "{a: {$lt: 'a'}}")).isEmpty();
        assertThat(ids(c, "{a: {$gt: 1, $lt: 3}}")).containsExactly(2);
    }

    @Test
    void typeBracketingKeepsEachComparisonToOneType() {
        var c = insertIntoC(
                "{_id: 1, v: 5}",
                "{_id: 2, v: '5'}",
                "{_id: 3, v: {$date: 1000}}",
                "{_id: 4, v: true}",
                "{_id: 5, v: false}",
                "{_id: 6, v: null}",
                "{_id: 7, v: {$oid: '0123456789abcdef01234567'}}",
                "{_id: 8, v: {x: 1}}");
        assertThat(ids(c, "{v: {$gte: 0}}")).containsExactly(1);
        assertThat(ids(c, "{v: {$gte: ''}}")).containsExactly(2);
        assertThat(ids(c, "{v: {$gt: {$date: 0}}}")).containsExactly(3);
        assertThat(ids(c, "{v: {$gt: false}}")).containsExactly(4);
        assertThat(ids(c, "{v: {$gte: false}}")).containsExactly(4, 5);
        assertThat(ids(c, "{v: {$gt: {$oid: '000000000000000000000000'}}}")).containsExactly(7);
        assertThat(ids(c, "{v: {$gt: {}}}")).containsExactly(8);
        // Nothing is below null within its type, and a number bound reaches no other type.
        assertThat(ids(c, "{v: {$lt: null}}")).isEmpty();
        assertThat(ids(c, "{v: {$lt: 100}}")).containsExactly(1);
    }

    @Test
    void numbersOfDifferentTypesAreEqualWhenTheirValuesAre() {
        var c = insertIntoC(
                "{_id: 1, n: 1}",
                "{_id: 2, n: {$numberLong: '1'}}",
                "{_id: 3, n: 1.0}",
                "{_id: 4, n: {$numberDecimal: '1.00'}}",
                "{_id: 5, n: '1'}",
                "{_id: 6, n: 1.5}");
        assertThat(ids(c, "{n: 1}")).containsExactly(1, 2, 3, 4);
        assertThat(ids(c, "{n: {$numberLong: '1'}}")).containsExactly(1, 2, 3, 4);
        assertThat(ids(c, "{n: {$numberDecimal: '1'}}")).containsExactly(1, 2, 3, 4);
        assertThat(ids(c, "{n: {$in: [1.0]}}")).containsExactly(1, 2, 3, 4);
        assertThat(ids(c, "{n: {$gt: {$numberLong: '1'}}}")).containsExactly(6);
        assertThat(ids(c, "{n: {$lt: {$numberDecimal: '1.5'}}}")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void largeLongsCompareExactlyWithDoubles() {
        // 2^53 + 1 has no double: the nearest double, 2^53, is a different number.
        var c = insertIntoC("{_id: 1, n: {$numberLong: '9007199254740993'}}", "{_id: 2, n: 9007199254740992.0}");
        assertThat(ids(c, "{n: {$numberLong: '9007199254740993'}}")).containsExactly(1);
        assertThat(ids(c, "{n: 9007199254740992.0}")).containsExactly(2);
        assertThat(ids(c, "{n: {$gt: 9007199254740992.0}}")).containsExactly(1);
    }

    @Test
    void nullMatchesNullAndMissingButExistsTellsThemApart() {
        var c = insertIntoC(
                "{_id: 1, a: null}",
                "{_id: 2}",
                "{_id: 3, a: 1}",
                "{_id: 4, a: [null, 1]}",
                "{_id: 5, a: [1, 2]}",
                "{_id: 6, a: []}");
        assertThat(ids(c, "{a: null}")).containsExactly(1, 2, 4);
        assertThat(ids(c, "{a: {$eq: null}}")).containsExactly(1, 2, 4);
        assertThat(ids(c, "{a: {$ne: null}}")).containsExactly(3, 5, 6);
        assertThat(ids(c, "{a: {$in: [null]}}")).containsExactly(1, 2, 4);
        assertThat(ids(c, "{a: {$nin: [null]}}")).containsExactly(3, 5, 6);
        assertThat(ids(c, "{a: {$gte: null}}")).containsExactly(1, 2, 4);
        assertThat(ids(c, "{a: {$lte: null}}")).containsExactly(1, 2, 4);
        assertThat(ids(c, "{a: {$exists: true}}")).containsExactly(1, 3, 4, 5, 6);
        assertThat(ids(c, "{a: {$exists: false}}")).containsExactly(2);
        assertThat(ids(c, "{a: {$type: 'null'}}")).containsExactly(1, 4);
        assertThat(ids(c, "{a: {$type: 10}}")).containsExactly(1, 4);
    }

    @Test
    void nullOnADottedPathMatchesWhereThePathEnds() {
        var c = insertIntoC(
                "{_id: 1, b: {c: null}}",
                "{_id: 2, b: {}}",
                "{_id: 3, b: {c: 1}}",
                "{_id: 4}",
                "{_id: 5, b: 7}",
                "{_id: 6, b: [{c: 1}, {d: 1}]}",
                "{_id: 7, b: [{c: 1}, {c: 2}]}");
        assertThat(ids(c, "{'b.c': null}")).containsExactly(1, 2, 4, 5, 6);
        assertThat(ids(c, "{'b.c': {$exists: true}}")).containsExactly(1, 3, 6, 7);
        assertThat(ids(c, "{'b.c': {$exists: false}}")).containsExactly(2, 4, 5);
    }

    @Test
    void dottedPathsReachIntoArraysOfDocuments() {
        var c = insertIntoC(
                "{_id: 1, items: [{sku: 'a', qty: 2}, {sku: 'b', qty: 10}]}",
                "{_id: 2, items: [{sku: 'c', qty: 1}]}",
                "{_id: 3, items: {sku: 'a', qty: 7}}",
                "{_id: 4, items: [{sku: 'd', qty: [3, 20]}]}");
        assertThat(ids(c, "{'items.qty': {$gt: 5}}")).containsExactly(1, 3, 4);
        assertThat(ids(c, "{'items.sku': 'a'}")).containsExactly(1, 3);
        // A numeric component names an array position.
        assertThat(ids(c, "{'items.0.qty': 2}")).containsExactly(1);
        assertThat(ids(c, "{'items.1.sku': 'b'}")).containsExactly(1);
        assertThat(ids(c, "{'items.1': {$exists: true}}")).containsExactly(1);
        // Conditions on different elements: both hold, each in some element.
        assertThat(ids(c, "{'items.sku': 'a', 'items.qty': 10}")).containsExactly(1);
    }

    @Test
    void equalityOnArraysMatchesAnElementOrTheWholeArray() {
        var c = insertIntoC(
                "{_id: 1, a: [1, 2]}",
                "{_id: 2, a: [2, 1]}",
                "{_id: 3, a: [[1, 2], 3]}",
                "{_id: 4, a: 2}",
                "{_id: 5, a: [1, 10]}");
        assertThat(ids(c, "{a: 2}")).containsExactly(1, 2, 4);
        assertThat(ids(c, "{a: [1, 2]}")).containsExactly(1, 3);
        // Range conditions hold if some element satisfies each one, not necessarily the same element.
        assertThat(ids(c, "{a: {$gt: 5}}")).containsExactly(5);
        assertThat(ids(c, "{a: {$gt: 1, $lt: 10}}")).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids(c, "{a: {$gt: 2, $lt: 3}}")).containsExactly(5);
    }

    @Test
    void inAndNinWithArraysAndRegularExpressions() {
        var c = insertIntoC(
                "{_id: 1, a: 1}",
                "{_id: 2, a: 'yes'}",
                "{_id: 3, a: [5, 2]}",
                "{_id: 4, a: 'no'}",
                "{_id: 5}",
                "{_id: 6, a: {$numberLong: '2'}}");
        assertThat(ids(c, "{a: {$in: [2, /^y/]}}")).containsExactly(2, 3, 6);
        assertThat(ids(c, "{a: {$in: []}}")).isEmpty();
        assertThat(ids(c, "{a: {$nin: [2, /^y/]}}")).containsExactly(1, 4, 5);
        assertThat(ids(c, "{a: {$nin: []}}")).containsExactly(1, 2, 3, 4, 5, 6);
        assertQueryError(c, "{a: {$in: 2}}", 2, "$in needs an array");
        assertQueryError(c, "{a: {$in: [{$gt: 1}]}}", 2, "cannot nest $ under $in");
    }

    @Test
    void andOrNor() {
        var c = insertIntoC(
                "{_id: 1, price: 1.99, qty: 10}",
                "{_id: 2, price: 5, qty: 30}",
                "{_id: 3, price: 1.99, qty: 30}",
                "{_id: 4, qty: 5}");
        assertThat(ids(c, "{$and: [{price: 1.99}, {qty: {$gt: 20}}]}")).containsExactly(3);
        assertThat(ids(c, "{$and: [{price: {$ne: 1.99}}, {price: {$exists: true}}]}"))
                .containsExactly(2);
        assertThat(ids(c, "{$or: [{price: 5}, {qty: {$lt: 8}}]}")).containsExactly(2, 4);
        // $nor also matches documents without the fields it names.
        assertThat(ids(c, "{$nor: [{price: 1.99}, {qty: 30}]}")).containsExactly(4);
        assertThat(ids(c, "{$nor: [{price: 1.99}]}")).containsExactly(2, 4);
        assertThat(ids(c, "{$or: [{$and: [{price: 1.99}, {qty: 10}]}, {qty: 5}], qty: {$lt: 10}}"))
                .containsExactly(4);
        assertQueryError(c, "{$or: []}", 2, "$and/$or/$nor must be a nonempty array");
        assertQueryError(c, "{$and: {a: 1}}", 2, "$and must be an array");
        assertQueryError(c, "{$or: [1]}", 2, "$or/$and/$nor entries need to be full objects");
    }

    @Test
    void notNegatesAnOperatorOrARegex() {
        var c = insertIntoC(
                "{_id: 1, price: 1.99, item: 'apple'}",
                "{_id: 2, price: 2.5, item: 'banana'}",
                "{_id: 3, price: 'free', item: 'avocado'}",
                "{_id: 4}");
        // Unlike {price: {$lte: 1.99}}, $not also matches other types and missing fields.
        assertThat(ids(c, "{price: {$not: {$gt: 1.99}}}")).containsExactly(1, 3, 4);
        assertThat(ids(c, "{price: {$lte: 1.99}}")).containsExactly(1);
        assertThat(ids(c, "{item: {$not: /^a/}}")).containsExactly(2, 4);
        assertThat(ids(c, "{item: {$not: {$regex: '^A', $options: 'i'}}}")).containsExactly(2, 4);
        assertQueryError(c, "{price: {$not: 2}}", 2, "$not needs a regex or a document");
        assertQueryError(c, "{price: {$not: {}}}", 2, "$not cannot be empty");
        assertQueryError(
                c,
                "{$not: {price: 1}}",
                2,
                "unknown top level operator: $not. If you are trying to negate an entire expression, use $nor.");
    }

    @Test
    void typeByAliasNumberAndList() {
        var c = insertIntoC(
                "{_id: 1, v: 'text'}",
                "{_id: 2, v: 3}",
                "{_id: 3, v: {$numberLong: '3'}}",
                "{_id: 4, v: 2.5}",
                "{_id: 5, v: true}",
                "{_id: 6, v: [1, 'x']}",
                "{_id: 7, v: {k: 1}}",
                "{_id: 8, v: {$numberDecimal: '1'}}");
        assertThat(ids(c, "{v: {$type: 'string'}}")).containsExactly(1, 6);
        assertThat(ids(c, "{v: {$type: 2}}")).containsExactly(1, 6);
        assertThat(ids(c, "{v: {$type: 'int'}}")).containsExactly(2, 6);
        assertThat(ids(c, "{v: {$type: 'long'}}")).containsExactly(3);
        assertThat(ids(c, "{v: {$type: 'double'}}")).containsExactly(4);
        assertThat(ids(c, "{v: {$type: 'decimal'}}")).containsExactly(8);
        assertThat(ids(c, "{v: {$type: 'number'}}")).containsExactly(2, 3, 4, 6, 8);
        assertThat(ids(c, "{v: {$type: ['bool', 'object']}}")).containsExactly(5, 7);
        assertThat(ids(c, "{v: {$type: 'array'}}")).containsExactly(6);
        assertThat(ids(c, "{v: {$type: 4}}")).containsExactly(6);
        assertQueryError(c, "{v: {$type: 'nope'}}", 2, "Unknown type name alias: nope");
    }

    @Test
    void sizeCountsArrayElementsOnly() {
        var c = insertIntoC(
                "{_id: 1, a: []}",
                "{_id: 2, a: [1, 2]}",
                "{_id: 3, a: [[1, 2, 3]]}",
                "{_id: 4, a: 2}",
                "{_id: 5, a: {x: 1, y: 2}}",
                "{_id: 6}");
        assertThat(ids(c, "{a: {$size: 0}}")).containsExactly(1);
        assertThat(ids(c, "{a: {$size: 2}}")).containsExactly(2);
        assertThat(ids(c, "{a: {$size: 1}}")).containsExactly(3);
        assertThat(ids(c, "{a: {$not: {$size: 2}}}")).containsExactly(1, 3, 4, 5, 6);
    }

    @Test
    void allNeedsEveryValue() {
        var c = insertIntoC(
                "{_id: 1, tags: ['appliance', 'school', 'book']}",
                "{_id: 2, tags: ['school', 'book']}",
                "{_id: 3, tags: ['appliance']}",
                "{_id: 4, tags: 'school'}",
                "{_id: 5, tags: [['school', 'book']]}");
        assertThat(ids(c, "{tags: {$all: ['school', 'book']}}")).containsExactly(1, 2);
        // $all on one value is that equality, which also matches a field that is not an array.
        assertThat(ids(c, "{tags: {$all: ['school']}}")).containsExactly(1, 2, 4);
        // An array value is equality with the whole array, and matches a nested array.
        assertThat(ids(c, "{tags: {$all: [['school', 'book']]}}")).containsExactly(2, 5);
        assertThat(ids(c, "{tags: {$all: [/^app/, 'book']}}")).containsExactly(1);
        assertThat(ids(c, "{tags: {$all: []}}")).isEmpty();
    }

    @Test
    void allWithElemMatch() {
        var c = insertIntoC(
                "{_id: 1, qty: [{size: 'S', num: 10, color: 'blue'}, {size: 'M', num: 45, color: 'blue'},"
                        + " {size: 'L', num: 100, color: 'green'}]}",
                "{_id: 2, qty: [{size: 'S', num: 6, color: 'blue'}, {size: 'M', num: 100, color: 'green'},"
                        + " {size: 'L', num: 100, color: 'green'}]}",
                "{_id: 3, qty: [{size: 'M', num: 100, color: 'green'}]}");
        assertThat(ids(
                        c,
                        "{qty: {$all: [{$elemMatch: {size: 'M', num: {$gt: 50}}},"
                                + " {$elemMatch: {num: 100, color: 'green'}}]}}"))
                .containsExactly(2, 3);
    }

    @Test
    void elemMatchNeedsOneElementToSatisfyEveryCondition() {
        var c = insertIntoC(
                "{_id: 1, results: [{product: 'abc', score: 10}, {product: 'xyz', score: 5}]}",
                "{_id: 2, results: [{product: 'abc', score: 8}, {product: 'xyz', score: 7}]}",
                "{_id: 3, results: [{product: 'abc', score: 7}, {product: 'xyz', score: 8}]}",
                "{_id: 4, results: [{product: 'abc', score: 7}, {product: 'def', score: 8}]}",
                "{_id: 5, results: {product: 'xyz', score: 9}}");
        assertThat(ids(c, "{results: {$elemMatch: {product: 'xyz', score: {$gte: 8}}}}"))
                .containsExactly(3);
        // Dotted conditions may be met by different elements, and by a document that is not in an array.
        assertThat(ids(c, "{'results.product': 'xyz', 'results.score': {$gte: 8}}"))
                .containsExactly(1, 2, 3, 5);
        assertThat(ids(c, "{results: {$elemMatch: {product: {$ne: 'xyz'}}}}")).containsExactly(1, 2, 3, 4);
        assertThat(ids(c, "{results: {$elemMatch: {$or: [{score: 10}, {product: 'def'}]}}}"))
                .containsExactly(1, 4);
    }

    @Test
    void elemMatchOnValues() {
        var c = insertIntoC(
                "{_id: 1, results: [82, 85, 88]}",
                "{_id: 2, results: [75, 88, 89]}",
                "{_id: 3, results: 83}",
                "{_id: 4, results: [70, 90]}");
        assertThat(ids(c, "{results: {$elemMatch: {$gte: 80, $lt: 85}}}")).containsExactly(1);
        // Without $elemMatch, each range condition can hold for a different element.
        assertThat(ids(c, "{results: {$gte: 80, $lt: 85}}")).containsExactly(1, 2, 3, 4);
        assertThat(ids(c, "{results: {$elemMatch: {$in: [70, 75]}}}")).containsExactly(2, 4);
    }

    @Test
    void regexWithOptionsAndOnArrays() {
        var c = insertIntoC(
                "{_id: 100, sku: 'abc123', description: 'Single line description.'}",
                "{_id: 101, sku: 'abc789', description: 'First line\\nSecond line'}",
                "{_id: 102, sku: 'xyz456', description: 'Many spaces before     line'}",
                "{_id: 103, sku: 'xyz789', description: 'Multiple\\nline description'}",
                "{_id: 104, sku: ['ABC', 'def'], description: 5}");
        assertThat(ids(c, "{sku: {$regex: '789$'}}")).containsExactly(101, 103);
        assertThat(ids(c, "{sku: /789$/}")).containsExactly(101, 103);
        assertThat(ids(c, "{sku: {$regex: '^ABC', $options: 'i'}}")).containsExactly(100, 101, 104);
        assertThat(ids(c, "{sku: {$regex: /^ABC/i}}")).containsExactly(100, 101, 104);
        assertThat(ids(c, "{sku: {$regex: '^ABC'}}")).containsExactly(104);
        // m: ^ and $ match at line breaks.
        assertThat(ids(c, "{description: {$regex: '^S', $options: 'm'}}")).containsExactly(100, 101);
        assertThat(ids(c, "{description: {$regex: '^S'}}")).containsExactly(100);
        // s: the dot matches a newline.
        assertThat(ids(c, "{description: {$regex: 'm.*line', $options: 'si'}}")).containsExactly(102, 103);
        assertThat(ids(c, "{description: {$regex: 'm.*line', $options: 'i'}}")).containsExactly(102);
        // x: whitespace and # comments in the pattern are ignored.
        assertThat(ids(c, "{sku: {$regex: 'abc #category code\\n123 #item number', $options: 'x'}}"))
                .containsExactly(100);
        // A regular expression does not match numbers.
        assertThat(ids(c, "{description: /5/}")).isEmpty();
        assertQueryError(c, "{sku: {$options: 'i'}}", 2, "$options needs a $regex");
    }

    @Test
    void modTruncatesItsArguments() {
        var c = insertIntoC(
                "{_id: 1, qty: 0}",
                "{_id: 2, qty: 5}",
                "{_id: 3, qty: 12}",
                "{_id: 4, qty: 12.9}",
                "{_id: 5, qty: -5}",
                "{_id: 6, qty: '12'}");
        assertThat(ids(c, "{qty: {$mod: [4, 0]}}")).containsExactly(1, 3, 4);
        assertThat(ids(c, "{qty: {$mod: [4.5, 0]}}")).containsExactly(1, 3, 4);
        assertThat(ids(c, "{qty: {$mod: [4.99, 0.5]}}")).containsExactly(1, 3, 4);
        // The remainder keeps the dividend's sign.
        assertThat(ids(c, "{qty: {$mod: [4, -1]}}")).containsExactly(5);
        assertThat(ids(c, "{qty: {$mod: [4, 1]}}")).containsExactly(2);
        assertQueryError(c, "{qty: {$mod: [4]}}", 2, "malformed mod, not enough elements");
        assertQueryError(c, "{qty: {$mod: [4, 1, 2]}}", 2, "malformed mod, too many elements");
        assertQueryError(c, "{qty: {$mod: [0, 1]}}", 2, "divisor cannot be 0");
    }

    @Test
    void exprComparesFieldsOfTheSameDocument() {
        var c = insertIntoC(
                "{_id: 1, category: 'food', budget: 400, spent: 450}",
                "{_id: 2, category: 'drinks', budget: 100, spent: 150}",
                "{_id: 3, category: 'clothes', budget: 100, spent: 50}",
                "{_id: 4, category: 'misc', budget: 500, spent: 300}",
                "{_id: 5, category: 'travel', budget: 200, spent: 650}");
        assertThat(ids(c, "{$expr: {$gt: ['$spent', '$budget']}}")).containsExactly(1, 2, 5);
        assertThat(ids(c, "{$expr: {$gte: ['$budget', '$spent']}}")).containsExactly(3, 4);
        assertThat(ids(c, "{$expr: {$lt: ['$spent', 100]}}")).containsExactly(3);
        assertThat(ids(c, "{$expr: {$lte: ['$budget', 100]}}")).containsExactly(2, 3);
        assertThat(ids(c, "{$expr: {$eq: ['$budget', 100]}}")).containsExactly(2, 3);
        assertThat(ids(c, "{$expr: {$ne: ['$budget', 100]}}")).containsExactly(1, 4, 5);
        // Combined with ordinary conditions.
        assertThat(ids(c, "{category: {$ne: 'food'}, $expr: {$gt: ['$spent', '$budget']}}"))
                .containsExactly(2, 5);
    }

    @Test
    void exprWithArithmetic() {
        var c = insertIntoC(
                "{_id: 1, budget: 400, spent: 450}",
                "{_id: 2, budget: 100, spent: 150}",
                "{_id: 3, budget: 100, spent: 50}",
                "{_id: 4, budget: 500, spent: 300}",
                "{_id: 5, budget: 200, spent: 650}");
        assertThat(ids(c, "{$expr: {$lt: [{$multiply: ['$budget', 2]}, '$spent']}}"))
                .containsExactly(5);
        assertThat(ids(c, "{$expr: {$eq: [{$subtract: ['$spent', '$budget']}, 50]}}"))
                .containsExactly(1, 2);
        assertThat(ids(c, "{$expr: {$gt: [{$add: ['$budget', '$spent', 1]}, 800]}}"))
                .containsExactly(1, 4, 5);
        assertThat(ids(c, "{$expr: {$eq: [{$divide: ['$spent', '$budget']}, 0.5]}}"))
                .containsExactly(3);
        assertThat(ids(c, "{$expr: {$eq: [{$mod: ['$spent', 100]}, 50]}}")).containsExactly(1, 2, 3, 5);
        assertThat(ids(
                        c,
                        "{$expr: {$and: [{$gt: ['$spent', 100]}, {$lt: [{$abs: {$subtract: ['$budget',"
                                + " '$spent']}}, 100]}]}}"))
                .containsExactly(1, 2);
        assertThat(ids(
                        c,
                        "{$expr: {$lt: [{$cond: {if: {$gte: ['$budget', 200]}, then: {$multiply: ['$budget', 0.5]},"
                                + " else: '$budget'}}, '$spent']}}"))
                .containsExactly(1, 2, 4, 5);
    }

    @Test
    void exprComparesAcrossTypesInBsonOrder() {
        // Unlike a query comparison, an expression compares values of different types by the BSON type order.
        var c = insertIntoC("{_id: 1, v: 5}", "{_id: 2, v: 'five'}", "{_id: 3, v: null}", "{_id: 4}");
        assertThat(ids(c, "{$expr: {$gt: ['$v', 100]}}")).containsExactly(2);
        assertThat(ids(c, "{$expr: {$lt: ['$v', 0]}}")).containsExactly(3, 4);
        assertThat(ids(c, "{$expr: {$eq: ['$v', null]}}")).containsExactly(3);
    }

    @Test
    void unknownOperatorsAreRejected() {
        var c = insertIntoC("{_id: 1, a: 1}");
        assertQueryError(c, "{a: {$foo: 1}}", 2, "unknown operator: $foo");
        assertQueryError(
                c,
                "{$foo: 1}",
                2,
                "unknown top level operator: $foo. If you have a field name that starts with a '$' symbol,"
                        + " consider using $getField or $setField.");
        assertQueryError(c, "{a: {$ne: /x/}}", 2, "Can't have regex as arg to $ne.");
    }
}
