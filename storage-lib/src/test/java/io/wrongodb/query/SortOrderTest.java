package io.wrongodb.query;

import static io.wrongodb.query.ProjectionCases.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.bson.SortDirection;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

/** Find sorts: what order MongoDB 7.0 returns documents in, and the sort specifications it refuses. */
class SortOrderTest {
    /** Sorts documents (written as JSON, each with an "n" naming it) and returns their names in order. */
    private static String sorted(String sort, String... documents) {
        List<BsonDocument> list = new ArrayList<>();
        for (String each : documents) {
            list.add(doc(each));
        }
        list.sort(SortOrder.parse(doc(sort)).comparator());
        return list.stream().map(d -> d.getString("n").getValue()).collect(Collectors.joining(" "));
    }

    private static void assertRejects(String sort, int code, String message) {
        MongoServerException error = catchThrowableOfType(() -> SortOrder.parse(doc(sort)), MongoServerException.class);
        assertThat(error).as(sort).isNotNull();
        assertThat(error.code()).as(sort).isEqualTo(code);
        assertThat(error.getMessage()).as(sort).isEqualTo(message);
    }

    @Test
    void ascendingAndDescending() {
        assertThat(sorted("{a: 1}", "{n: 'x', a: 3}", "{n: 'y', a: 1}", "{n: 'z', a: 2}"))
                .isEqualTo("y z x");
        assertThat(sorted("{a: -1}", "{n: 'x', a: 3}", "{n: 'y', a: 1}", "{n: 'z', a: 2}"))
                .isEqualTo("x z y");
    }

    @Test
    void numbersOfEveryTypeCompareByValue() {
        assertThat(sorted(
                        "{a: 1}", "{n: 'x', a: 2.5}", "{n: 'y', a: NumberLong(2)}", "{n: 'z', a: NumberDecimal('3')}"))
                .isEqualTo("y x z");
    }

    @Test
    void typesSortInMongoDbsOrder() {
        assertThat(sorted(
                        "{a: 1}",
                        "{n: 'bool', a: true}",
                        "{n: 'str', a: 'x'}",
                        "{n: 'num', a: 5}",
                        "{n: 'null', a: null}",
                        "{n: 'obj', a: {b: 1}}",
                        "{n: 'min', a: {$minKey: 1}}"))
                .isEqualTo("min null num str obj bool");
    }

    @Test
    void aMissingFieldSortsAsNull() {
        SortOrder order = SortOrder.parse(doc("{a: 1}"));
        assertThat(order.comparator().compare(doc("{n: 'x'}"), doc("{n: 'y', a: null}")))
                .isZero();
        assertThat(sorted("{a: 1}", "{n: 'x', a: 0}", "{n: 'y'}")).isEqualTo("y x");
    }

    @Test
    void equalKeysCompareAsZeroSoAStableSortKeepsInsertionOrder() {
        assertThat(sorted("{a: 1}", "{n: 'first', a: 1}", "{n: 'second', a: 1.0}", "{n: 'third', a: 0}"))
                .isEqualTo("third first second");
    }

    @Test
    void arraysSortByTheirSmallestAscendingAndLargestDescending() {
        assertThat(sorted("{a: 1}", "{n: 'x', a: [1, 5]}", "{n: 'y', a: 3}")).isEqualTo("x y");
        assertThat(sorted("{a: -1}", "{n: 'x', a: [1, 5]}", "{n: 'y', a: 3}")).isEqualTo("x y");
        assertThat(sorted("{a: -1}", "{n: 'x', a: [1, 2]}", "{n: 'y', a: 3}")).isEqualTo("y x");
        assertThat(sorted("{a: 1}", "{n: 'x', a: [4, 'text']}", "{n: 'y', a: 5}"))
                .isEqualTo("x y");
    }

    @Test
    void anEmptyArraySortsBelowNullAndMissing() {
        assertThat(sorted(
                        "{a: 1}", "{n: 'null', a: null}", "{n: 'missing'}", "{n: 'empty', a: []}", "{n: 'one', a: 1}"))
                .isEqualTo("empty null missing one");
        assertThat(sorted("{a: -1}", "{n: 'empty', a: []}", "{n: 'null', a: null}", "{n: 'one', a: 1}"))
                .isEqualTo("one null empty");
    }

    @Test
    void dottedPathsGoIntoDocumentsAndArrays() {
        assertThat(sorted("{'a.b': 1}", "{n: 'x', a: {b: 2}}", "{n: 'y', a: {b: 1}}", "{n: 'z', a: 0}"))
                .isEqualTo("z y x");
        assertThat(sorted("{'a.b': 1}", "{n: 'x', a: [{b: 3}, {b: 1}]}", "{n: 'y', a: [{b: 2}]}"))
                .isEqualTo("x y");
        assertThat(sorted("{'a.b': -1}", "{n: 'x', a: [{b: 3}, {b: 1}]}", "{n: 'y', a: [{b: 2}]}"))
                .isEqualTo("x y");
        assertThat(sorted("{'a.1': 1}", "{n: 'x', a: [9, 2]}", "{n: 'y', a: [0, 5]}"))
                .isEqualTo("x y");
    }

    @Test
    void laterKeysBreakTies() {
        assertThat(sorted("{a: 1, b: -1}", "{n: 'x', a: 1, b: 1}", "{n: 'y', a: 1, b: 2}", "{n: 'z', a: 0, b: 0}"))
                .isEqualTo("z y x");
    }

    @Test
    void directionsMayBeAnyNumberThatTruncatesToOne() {
        assertThat(sorted("{a: -1.0}", "{n: 'x', a: 1}", "{n: 'y', a: 2}")).isEqualTo("y x");
        assertThat(sorted("{a: NumberLong(1)}", "{n: 'x', a: 2}", "{n: 'y', a: 1}"))
                .isEqualTo("y x");
        assertThat(sorted("{a: 1.5}", "{n: 'x', a: 2}", "{n: 'y', a: 1}")).isEqualTo("y x");
    }

    @Test
    void anEmptySortIsNoSort() {
        SortOrder order = SortOrder.parse(new BsonDocument());
        assertThat(order.isEmpty()).isTrue();
        assertThat(order.naturalDirection()).isEmpty();
        assertThat(order.comparator().compare(doc("{a: 1}"), doc("{a: 2}"))).isZero();
        assertThat(SortOrder.parse(doc("{a: 1}")).isEmpty()).isFalse();
    }

    @Test
    void naturalIsAScanDirectionNotAField() {
        assertThat(SortOrder.parse(doc("{$natural: 1}")).naturalDirection()).contains(SortDirection.ASCENDING);
        assertThat(SortOrder.parse(doc("{$natural: -1}")).naturalDirection()).contains(SortDirection.DESCENDING);
        assertThat(SortOrder.parse(doc("{$natural: -1}")).isEmpty()).isTrue();
        assertThat(SortOrder.parse(doc("{a: 1}")).naturalDirection()).isEmpty();
    }

    @Test
    void sortKeyIsWhatTheComparatorCompares() {
        SortOrder order = SortOrder.parse(doc("{a: 1, b: -1}"));
        assertThat(order.sortKey(doc("{a: [3, 1], b: [3, 1]}")).toString())
                .isEqualTo(List.of(new BsonInt32(1), new BsonInt32(3)).toString());
        assertThat(order.sortKey(doc("{}")).get(0).isNull()).isTrue();
    }

    @Test
    void invalidDirections() {
        String message = "$sort key ordering must be 1 (for ascending) or -1 (for descending)";
        assertRejects("{a: 0}", 15975, message);
        assertRejects("{a: 2}", 15975, message);
        assertRejects("{a: 42.12}", 15975, message);
        assertRejects("{a: 0.5}", 15975, message);
        assertRejects("{a: NumberLong('9223372036854775807')}", 15975, message);
        assertRejects("{a: NaN}", 15975, message);
        assertRejects("{asc: '123'}", 15974, "Illegal key in $sort specification: asc: \"123\"");
        assertRejects("{a: true}", 15974, "Illegal key in $sort specification: a: true");
        assertRejects("{a: null}", 15974, "Illegal key in $sort specification: a: null");
    }

    @Test
    void invalidPaths() {
        assertRejects("{'': 1}", 40352, "FieldPath cannot be constructed with empty string");
        assertRejects("{'a..b': 1}", 15998, "FieldPath field names may not be empty strings.");
        assertRejects(
                "{'$a': 1}",
                16410,
                "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
        assertRejects("{'a.': 1}", 40353, "FieldPath must not end with a '.'.");
    }

    @Test
    void metaSorts() {
        assertRejects("{a: {$foo: 1}}", 17312, "$meta is the only expression supported by $sort right now");
        assertRejects("{a: {}}", 17312, "$meta is the only expression supported by $sort right now");
        assertRejects("{a: {$meta: 'foo'}}", 31138, "Illegal $meta sort: $meta: \"foo\"");
        MongoServerException extraKeys = catchThrowableOfType(
                () -> SortOrder.parse(doc("{a: {$meta: 'textScore', b: 1}}")), MongoServerException.class);
        assertThat(extraKeys.errorCode()).isEqualTo(ErrorCode.FAILED_TO_PARSE);
        assertThat(extraKeys.getMessage()).isEqualTo("Cannot have additional keys in a $meta sort specification");
        MongoServerException textScore = catchThrowableOfType(
                () -> SortOrder.parse(doc("{a: {$meta: 'textScore'}}")), MongoServerException.class);
        assertThat(textScore.errorCode()).isEqualTo(ErrorCode.NOT_IMPLEMENTED);
        assertThat(textScore.getMessage()).contains("textScore");
    }
}
