package io.wrongodb.query;

import static io.wrongodb.query.Documents.doc;
import static io.wrongodb.query.Documents.docs;
import static io.wrongodb.query.Documents.ids;
import static io.wrongodb.query.Documents.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Conditions on arrays: implicit traversal, {@code $elemMatch}, {@code $all}, {@code $size}, matched positions. */
class FilterArrayTest {
    // MongoDB's "Query an Array" tutorial.
    static final List<BsonDocument> INVENTORY = docs(
            "{_id: 1, item: 'journal', qty: 25, tags: ['blank', 'red'], dim_cm: [14, 21]}",
            "{_id: 2, item: 'notebook', qty: 50, tags: ['red', 'blank'], dim_cm: [14, 21]}",
            "{_id: 3, item: 'paper', qty: 100, tags: ['red', 'blank', 'plain'], dim_cm: [14, 21]}",
            "{_id: 4, item: 'planner', qty: 75, tags: ['blank', 'red'], dim_cm: [22.85, 30]}",
            "{_id: 5, item: 'postcard', qty: 45, tags: ['blue'], dim_cm: [10, 15.25]}");

    // MongoDB's "Query an Array of Embedded Documents" tutorial.
    static final List<BsonDocument> STOCK = docs(
            "{_id: 1, item: 'journal', instock: [{warehouse: 'A', qty: 5}, {warehouse: 'C', qty: 15}]}",
            "{_id: 2, item: 'notebook', instock: [{warehouse: 'C', qty: 5}]}",
            "{_id: 3, item: 'paper', instock: [{warehouse: 'A', qty: 60}, {warehouse: 'B', qty: 15}]}",
            "{_id: 4, item: 'planner', instock: [{warehouse: 'A', qty: 40}, {warehouse: 'B', qty: 5}]}",
            "{_id: 5, item: 'postcard', instock: [{warehouse: 'B', qty: 15}, {warehouse: 'C', qty: 35}]}");

    @Test
    void arrayTutorial() {
        assertThat(ids("{tags: ['red', 'blank']}", INVENTORY)).containsExactly(2);
        assertThat(ids("{tags: {$all: ['red', 'blank']}}", INVENTORY)).containsExactly(1, 2, 3, 4);
        assertThat(ids("{tags: 'red'}", INVENTORY)).containsExactly(1, 2, 3, 4);
        assertThat(ids("{dim_cm: {$gt: 25}}", INVENTORY)).containsExactly(4);
        // Different elements may satisfy each bound...
        assertThat(ids("{dim_cm: {$gt: 15, $lt: 20}}", INVENTORY)).containsExactly(1, 2, 3, 5);
        // ...unless one element must satisfy both.
        assertThat(ids("{dim_cm: {$elemMatch: {$gt: 22, $lt: 30}}}", INVENTORY)).containsExactly(4);
        assertThat(ids("{'dim_cm.1': {$gt: 25}}", INVENTORY)).containsExactly(4);
        assertThat(ids("{tags: {$size: 3}}", INVENTORY)).containsExactly(3);
    }

    @Test
    void arrayOfDocumentsTutorial() {
        assertThat(ids("{instock: {warehouse: 'A', qty: 5}}", STOCK)).containsExactly(1);
        assertThat(ids("{instock: {qty: 5, warehouse: 'A'}}", STOCK)).isEmpty();
        assertThat(ids("{'instock.0.qty': {$lte: 20}}", STOCK)).containsExactly(1, 2, 5);
        assertThat(ids("{'instock.qty': {$lte: 20}}", STOCK)).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids("{instock: {$elemMatch: {qty: 5, warehouse: 'A'}}}", STOCK))
                .containsExactly(1);
        assertThat(ids("{instock: {$elemMatch: {qty: {$gt: 10, $lte: 20}}}}", STOCK))
                .containsExactly(1, 3, 5);
        assertThat(ids("{'instock.qty': {$gt: 10, $lte: 20}}", STOCK)).containsExactly(1, 3, 4, 5);
        assertThat(ids("{'instock.qty': 5, 'instock.warehouse': 'A'}", STOCK)).containsExactly(1, 4);
    }

    @Test
    void wholeArrayEqualityAndNoSecondLevelTraversal() {
        assertThat(matches("{a: [1, 5]}", "{a: [1, 5]}")).isTrue();
        assertThat(matches("{a: [1, 5]}", "{a: [5, 1]}")).isFalse();
        assertThat(matches("{a: [1, 5]}", "{a: [[1, 5], 2]}")).isTrue();
        assertThat(matches("{a: 5}", "{a: [1, 5]}")).isTrue();
        assertThat(matches("{a: 5}", "{a: [[5]]}")).isFalse();
        assertThat(matches("{a: [5]}", "{a: [[5]]}")).isTrue();
        assertThat(matches("{'a.b': 1}", "{a: [[{b: 1}]]}")).isFalse();
        assertThat(matches("{'a.b': 1}", "{a: [{b: [1, 2]}]}")).isTrue();
        assertThat(matches("{'a.b.c': 1}", "{a: [{b: [{c: 1}]}]}")).isTrue();
        assertThat(matches("{a: []}", "{a: []}")).isTrue();
        assertThat(matches("{a: []}", "{a: [[]]}")).isTrue();
        assertThat(matches("{a: {$gt: [1]}}", "{a: [[2]]}")).isTrue();
    }

    @Test
    void elemMatchOnlyMatchesArrays() {
        assertThat(matches("{a: {$elemMatch: {$gt: 1}}}", "{a: 5}")).isFalse();
        assertThat(matches("{a: {$elemMatch: {$gt: 1}}}", "{a: [5]}")).isTrue();
        assertThat(matches("{a: {$elemMatch: {$gt: 1}}}", "{a: [[5]]}")).isFalse();
        assertThat(matches("{a: {$elemMatch: {b: 1}}}", "{a: {b: 1}}")).isFalse();
        assertThat(matches("{a: {$elemMatch: {}}}", "{a: [1, {}]}")).isTrue();
        assertThat(matches("{a: {$elemMatch: {}}}", "{a: [1, 2]}")).isFalse();
        assertThat(matches("{'a.b': {$elemMatch: {$eq: 2}}}", "{a: [{b: [1]}, {b: [2]}]}"))
                .isTrue();
    }

    @Test
    void elemMatchValueFormTakesEveryOperator() {
        assertThat(matches("{a: {$elemMatch: {$ne: 1}}}", "{a: [1, 2]}")).isTrue();
        assertThat(matches("{a: {$elemMatch: {$ne: 1}}}", "{a: [1, 1]}")).isFalse();
        assertThat(matches("{a: {$elemMatch: {$not: {$gt: 5}}}}", "{a: [6, 3]}"))
                .isTrue();
        assertThat(matches("{a: {$elemMatch: {$in: [3], $exists: true}}}", "{a: [6, 3]}"))
                .isTrue();
        assertThat(matches("{a: {$elemMatch: {$size: 2}}}", "{a: [[1, 2]]}")).isTrue();
        assertThat(matches("{a: {$elemMatch: {$elemMatch: {$gt: 1}}}}", "{a: [[0, 2]]}"))
                .isTrue();
        assertThat(matches("{a: {$elemMatch: {$regex: '^x'}}}", "{a: ['y', 'xy']}"))
                .isTrue();
        assertThat(matches("{a: {$elemMatch: {$type: 'string'}}}", "{a: [1, 'x']}"))
                .isTrue();
    }

    @Test
    void elemMatchDocumentFormIsAFilterOnEachElement() {
        assertThat(matches("{a: {$elemMatch: {b: 1, c: {$gt: 1}}}}", "{a: [{b: 1, c: 0}, {b: 0, c: 2}]}"))
                .isFalse();
        assertThat(matches("{a: {$elemMatch: {b: 1, c: {$gt: 1}}}}", "{a: [{b: 1, c: 0}, {b: 1, c: 2}]}"))
                .isTrue();
        assertThat(matches("{a: {$elemMatch: {$or: [{b: 1}, {c: 1}]}}}", "{a: [{c: 1}]}"))
                .isTrue();
        assertThat(matches("{a: {$elemMatch: {'b.c': {$elemMatch: {$gt: 2}}}}}", "{a: [{b: {c: [1, 3]}}]}"))
                .isTrue();
        // An array inside the array is taken as a document whose fields are its positions.
        assertThat(matches("{a: {$elemMatch: {'0': 1}}}", "{a: [[1, 2]]}")).isTrue();
    }

    @Test
    void allOfValuesAndOfElemMatches() {
        assertThat(matches("{a: {$all: [1, 2]}}", "{a: [2, 3, 1]}")).isTrue();
        assertThat(matches("{a: {$all: [1, 2]}}", "{a: [2, 3]}")).isFalse();
        assertThat(matches("{a: {$all: [1]}}", "{a: 1}")).isTrue();
        assertThat(matches("{a: {$all: []}}", "{a: []}")).isFalse();
        assertThat(matches("{a: {$all: [[1, 2]]}}", "{a: [[1, 2], 3]}")).isTrue();
        assertThat(matches("{a: {$all: [[1, 2]]}}", "{a: [1, 2]}")).isTrue();
        assertThat(matches("{a: {$all: [/^x/, 'yz']}}", "{a: ['xa', 'yz']}")).isTrue();
        // MongoDB's $all/$elemMatch example.
        List<BsonDocument> docs = docs(
                "{_id: 1, qty: [{size: 'S', num: 10, color: 'blue'}, {size: 'M', num: 45, color: 'blue'},"
                        + " {size: 'L', num: 100, color: 'green'}]}",
                "{_id: 2, qty: [{size: 'S', num: 6, color: 'blue'}, {size: 'M', num: 100, color: 'blue'},"
                        + " {size: 'L', num: 100, color: 'green'}]}",
                "{_id: 3, qty: [{size: 'M', num: 100, color: 'green'}]}");
        assertThat(ids(
                        "{qty: {$all: [{$elemMatch: {size: 'M', num: {$gt: 50}}}, {$elemMatch: {num: 100,"
                                + " color: 'green'}}]}}",
                        docs))
                .containsExactly(2, 3);
    }

    @Test
    void sizeCountsOnlyTheArrayThePathEndsAt() {
        assertThat(matches("{a: {$size: 2}}", "{a: [1, 2]}")).isTrue();
        assertThat(matches("{a: {$size: 2}}", "{a: [[1, 2]]}")).isFalse();
        assertThat(matches("{a: {$size: 0}}", "{a: []}")).isTrue();
        assertThat(matches("{a: {$size: 0}}", "{}")).isFalse();
        assertThat(matches("{a: {$size: 1}}", "{a: 'x'}")).isFalse();
        assertThat(matches("{'a.b': {$size: 2}}", "{a: [{b: [1]}, {b: [1, 2]}]}"))
                .isTrue();
        assertThat(matches("{a: {$size: 2.0}}", "{a: [1, 2]}")).isTrue();
    }

    @Test
    void positionOfTheFirstMatchingElement() {
        assertThat(position("{grades: {$gte: 85}}", "{grades: [80, 85, 90]}")).hasValue(1);
        assertThat(position("{'a.b': 2}", "{a: [{b: 1}, {b: 2}]}")).hasValue(1);
        assertThat(position("{a: {$elemMatch: {b: 2}}}", "{a: [{b: 1}, {b: 2}]}"))
                .hasValue(1);
        assertThat(position("{a: {$elemMatch: {$gt: 2}}}", "{a: [1, 2, 3]}")).hasValue(2);
        // The outermost array wins.
        assertThat(position("{'a.b': 3}", "{a: [{b: [1]}, {b: [2, 3]}]}")).hasValue(1);
        assertThat(position("{'a.b': {$elemMatch: {$gt: 2}}}", "{a: [{b: [1]}, {b: [2, 3]}]}"))
                .hasValue(1);
        assertThat(position("{a: 1, b: 3}", "{a: 1, b: [1, 2, 3]}")).hasValue(2);
        assertThat(position("{a: {$all: [{$elemMatch: {$gt: 2}}]}}", "{a: [1, 5]}"))
                .hasValue(1);
    }

    @Test
    void noPositionWithoutAnImplicitArrayTraversal() {
        assertThat(position("{a: [1, 2]}", "{a: [1, 2]}")).isEmpty();
        assertThat(position("{'a.1': 2}", "{a: [1, 2]}")).isEmpty();
        assertThat(position("{a: 1}", "{a: 1}")).isEmpty();
        // Negations and $or record nothing, as in MongoDB.
        assertThat(position("{a: {$ne: 5}}", "{a: [1, 2]}")).isEmpty();
        assertThat(position("{$or: [{a: 2}]}", "{a: [1, 2]}")).isEmpty();
        // A failing filter leaves nothing behind.
        assertThat(position("{a: 2, b: 5}", "{a: [1, 2], b: 4}")).isEmpty();
    }

    private static OptionalInt position(String filter, String document) {
        MatchDetails details = new MatchDetails();
        Filter.parse(doc(filter)).matches(doc(document), details);
        return details.arrayPosition();
    }
}
