package io.wrongodb.query;

import static io.wrongodb.query.Evaluation.assertEvaluationError;
import static io.wrongodb.query.Evaluation.assertParseError;
import static io.wrongodb.query.Evaluation.eval;
import static io.wrongodb.query.Evaluation.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Array, set and object operators, with the values and errors MongoDB 7.0 gives. */
class ArraySetObjectExpressionTest {
    static final BsonDocument ROOT = BsonDocument.parse(
            "{a: [1, 2, 3, 4, 5], e: [], s: 'x', nul: null, o: {x: 1, y: {z: 2}}, 'dot.ted': 9, '$price': 3}");

    @Test
    void elementsByPosition() {
        assertThat(eval("{$arrayElemAt: ['$a', 0]}", ROOT)).isEqualTo(value("1"));
        assertThat(eval("{$arrayElemAt: ['$a', -1]}", ROOT)).isEqualTo(value("5"));
        assertThat(eval("{$arrayElemAt: ['$a', 2.0]}", ROOT)).isEqualTo(value("3"));
        assertThat(eval("{$arrayElemAt: ['$a', 15]}", ROOT)).isNull();
        assertThat(eval("{$arrayElemAt: ['$missing', 0]}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$first: '$a'}", ROOT)).isEqualTo(value("1"));
        assertThat(eval("{$last: ['$a']}", ROOT)).isEqualTo(value("5"));
        assertThat(eval("{$first: '$e'}", ROOT)).isNull();
        assertThat(eval("{$last: '$missing'}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$slice: ['$a', 2]}", ROOT)).isEqualTo(value("[1, 2]"));
        assertThat(eval("{$slice: ['$a', -2]}", ROOT)).isEqualTo(value("[4, 5]"));
        assertThat(eval("{$slice: ['$a', 1, 2]}", ROOT)).isEqualTo(value("[2, 3]"));
        assertThat(eval("{$slice: ['$a', -2, 10]}", ROOT)).isEqualTo(value("[4, 5]"));
        assertThat(eval("{$slice: ['$a', -10, 2]}", ROOT)).isEqualTo(value("[1, 2]"));
        assertThat(eval("{$slice: ['$a', 10, 2]}", ROOT)).isEqualTo(value("[]"));
        assertThat(eval("{$slice: ['$a', null]}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$indexOfArray: ['$a', 3]}", ROOT)).isEqualTo(value("2"));
        assertThat(eval("{$indexOfArray: ['$a', 3.0, 3]}", ROOT)).isEqualTo(value("-1"));
        assertThat(eval("{$indexOfArray: [[1, null, 2], null]}", ROOT)).isEqualTo(value("1"));
        assertThat(eval("{$indexOfArray: ['$missing', 1]}", ROOT)).isEqualTo(value("null"));
    }

    @Test
    void buildingArrays() {
        assertThat(eval("{$concatArrays: ['$a', [6], []]}", ROOT)).isEqualTo(value("[1, 2, 3, 4, 5, 6]"));
        assertThat(eval("{$concatArrays: [[1], '$missing']}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$reverseArray: '$a'}", ROOT)).isEqualTo(value("[5, 4, 3, 2, 1]"));
        assertThat(eval("{$reverseArray: null}")).isEqualTo(value("null"));
        assertThat(eval("{$range: [0, 5]}")).isEqualTo(value("[0, 1, 2, 3, 4]"));
        assertThat(eval("{$range: [0, 10, 3]}")).isEqualTo(value("[0, 3, 6, 9]"));
        assertThat(eval("{$range: [5, 0, -2]}")).isEqualTo(value("[5, 3, 1]"));
        assertThat(eval("{$range: [5, 0]}")).isEqualTo(value("[]"));
        assertThat(eval("{$isArray: '$a'}", ROOT)).isEqualTo(value("true"));
        assertThat(eval("{$isArray: ['$s']}", ROOT)).isEqualTo(value("false"));
        assertThat(eval("{$isArray: '$missing'}", ROOT)).isEqualTo(value("false"));
        assertThat(eval("{$zip: {inputs: [[1, 2, 3], ['a', 'b']]}}")).isEqualTo(value("[[1, 'a'], [2, 'b']]"));
        assertThat(eval("{$zip: {inputs: [[1, 2], ['a']], useLongestLength: true}}"))
                .isEqualTo(value("[[1, 'a'], [2, null]]"));
        assertThat(eval("{$zip: {inputs: [[1, 2], ['a']], useLongestLength: true, defaults: [0, 'z']}}"))
                .isEqualTo(value("[[1, 'a'], [2, 'z']]"));
        assertThat(eval("{$zip: {inputs: [[1], '$missing']}}", ROOT)).isEqualTo(value("null"));
    }

    @Test
    void sets() {
        assertThat(eval("{$setUnion: [[3, 1, 1], [2, 1.0]]}")).isEqualTo(value("[1, 2, 3]"));
        assertThat(eval("{$setUnion: []}")).isEqualTo(value("[]"));
        assertThat(eval("{$setUnion: [[1], null]}")).isEqualTo(value("null"));
        assertThat(eval("{$setIntersection: [[3, 1, 2, 2], [2, 3, 4]]}")).isEqualTo(value("[2, 3]"));
        assertThat(eval("{$setIntersection: [[1], '$missing']}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$setDifference: [[3, 1, 3, 2], [2]]}")).isEqualTo(value("[3, 1]"));
        assertThat(eval("{$setDifference: [null, [2]]}")).isEqualTo(value("null"));
        assertThat(eval("{$setEquals: [[1, 2, 2], [2, 1], [1.0, 2]]}")).isEqualTo(value("true"));
        assertThat(eval("{$setEquals: [[1], [1, 2]]}")).isEqualTo(value("false"));
        assertThat(eval("{$setIsSubset: [[1, 1], [1, 2]]}")).isEqualTo(value("true"));
        assertThat(eval("{$setIsSubset: [[1, 3], [1, 2]]}")).isEqualTo(value("false"));
        assertThat(eval("{$allElementsTrue: [[1, 'a', []]]}")).isEqualTo(value("true"));
        assertThat(eval("{$allElementsTrue: [[1, null]]}")).isEqualTo(value("false"));
        assertThat(eval("{$allElementsTrue: [[]]}")).isEqualTo(value("true"));
        assertThat(eval("{$anyElementTrue: [[0, false, null]]}")).isEqualTo(value("false"));
        assertThat(eval("{$anyElementTrue: [[0, 2]]}")).isEqualTo(value("true"));
        assertThat(eval("{$anyElementTrue: [[]]}")).isEqualTo(value("false"));
    }

    @Test
    void objects() {
        assertThat(eval("{$mergeObjects: [{a: 1, b: 1}, null, {b: 2}, '$missing', {c: 3}]}", ROOT))
                .isEqualTo(value("{a: 1, b: 2, c: 3}"));
        assertThat(eval("{$mergeObjects: []}")).isEqualTo(value("{}"));
        assertThat(eval("{$mergeObjects: '$o'}", ROOT)).isEqualTo(value("{x: 1, y: {z: 2}}"));
        assertThat(eval("{$objectToArray: '$o'}", ROOT)).isEqualTo(value("[{k: 'x', v: 1}, {k: 'y', v: {z: 2}}]"));
        assertThat(eval("{$objectToArray: '$missing'}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$arrayToObject: [[['a', 1], ['b', 2], ['a', 3]]]}")).isEqualTo(value("{a: 3, b: 2}"));
        assertThat(eval("{$arrayToObject: [[{k: 'a', v: 1}]]}")).isEqualTo(value("{a: 1}"));
        assertThat(eval("{$arrayToObject: [[]]}")).isEqualTo(value("{}"));
        assertThat(eval("{$arrayToObject: '$nul'}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$arrayToObject: {$objectToArray: '$o'}}", ROOT)).isEqualTo(value("{x: 1, y: {z: 2}}"));
        assertThat(eval("{$getField: 'dot.ted'}", ROOT)).isEqualTo(value("9"));
        assertThat(eval("{$getField: {$literal: '$price'}}", ROOT)).isEqualTo(value("3"));
        assertThat(eval("{$getField: {field: 'x', input: '$o'}}", ROOT)).isEqualTo(value("1"));
        assertThat(eval("{$getField: {field: 'nope', input: '$o'}}", ROOT)).isNull();
        assertThat(eval("{$getField: {field: 'x', input: null}}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$getField: {field: 'x', input: '$missing'}}", ROOT)).isNull();
        assertThat(eval("{$getField: {field: 's'}}", ROOT)).isEqualTo(value("'x'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$arrayElemAt: ['$s', 0]}        | 28689 | $arrayElemAt's first argument must be an array, but is string
            {$arrayElemAt: ['$a', 'x']}      | 28690 | $arrayElemAt's second argument must be a numeric value, but is string
            {$arrayElemAt: ['$a', 1.5]}      | 28691 | $arrayElemAt's second argument must be representable as a 32-bit integer: 1.5
            {$first: '$s'}                   | 28689 | $first's argument must be an array, but is string
            {$concatArrays: [[1], 'x']}      | 28664 | $concatArrays only supports arrays, not string
            {$slice: ['$s', 1]}              | 28724 | First argument to $slice must be an array, but is of type: string
            {$slice: ['$a', 'x']}            | 28725 | Second argument to $slice must be a numeric value, but is of type: string
            {$slice: ['$a', 0, 0]}           | 28729 | Third argument to $slice must be positive: 0
            {$reverseArray: 1}               | 34435 | The argument to $reverseArray must be an array, but was of type: int
            {$indexOfArray: ['$s', 1]}       | 40090 | $indexOfArray requires an array as a first argument, found: string
            {$range: ['a', 1]}               | 34443 | $range requires a numeric starting value, found value of type: string
            {$range: [0, 1.5]}               | 34446 | $range requires an ending value that can be represented as a 32-bit integer, found value: 1.5
            {$range: [0, 1, 0]}              | 34449 | $range requires a non-zero step value
            {$range: [0, 1, 'a']}            | 34447 | $range requires a numeric step value, found value of type:string
            {$setUnion: [[1], 2]}            | 17043 | All operands of $setUnion must be arrays. One argument is of type: int
            {$setIntersection: [[1], 'a']}   | 17047 | All operands of $setIntersection must be arrays. One argument is of type: string
            {$setDifference: [1, [1]]}       | 17048 | both operands of $setDifference must be arrays. First argument is of type: int
            {$setEquals: [[1], null]}        | 17044 | All operands of $setEquals must be arrays. 2-th argument is of type: null
            {$setIsSubset: [[1], '$missing']} | 17042 | both operands of $setIsSubset must be arrays. Second argument is of type: missing
            {$allElementsTrue: 1}            | 17040 | $allElementsTrue's argument must be an array, but is int
            {$mergeObjects: [{a: 1}, 5]}     | 40400 | $mergeObjects requires object inputs, but input 5 is of type int
            {$objectToArray: 'a'}            | 40390 | $objectToArray requires a document input, found: string
            {$arrayToObject: 'a'}            | 40386 | $arrayToObject requires an array input, found: string
            {$arrayToObject: [[['a', 1, 2]]]} | 40397 | $arrayToObject requires an array of size 2 arrays,found array of size: 3
            {$arrayToObject: [[[1, 1]]]}     | 40395 | $arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: int
            {$arrayToObject: [[{k: 'a'}]]}   | 40392 | $arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys:1
            {$getField: {field: 'x', input: 5}} | 3041705 | $getField requires 'input' to evaluate to type Object, but got int
            {$zip: {inputs: [[1], 'a']}}     | 34468 | $zip found a non-array expression in input: "a"
            """)
    void evaluationErrors(String expression, int code, String message) {
        assertEvaluationError(expression, ROOT, code, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$arrayElemAt: [[1]]}            | 16020 | Expression $arrayElemAt takes exactly 2 arguments. 1 were passed in.
            {$slice: [[1], 1, 2, 3]}         | 28667 | Expression $slice takes at least 2 arguments, and at most 3, but 4 were passed in.
            {$setEquals: [[1]]}              | 17045 | $setEquals needs at least two arguments had: 1
            {$allElementsTrue: [1, 2]}       | 16020 | Expression $allElementsTrue takes exactly 1 arguments. 2 were passed in.
            {$getField: {input: {}}}         | 3041702 | $getField requires 'field' to be specified
            {$getField: {field: 1, input: {}}} | 5654602 | $getField requires 'field' to evaluate to type String, but got int
            {$zip: {inputs: []}}             | 34465 | $zip requires at least one input array
            {$zip: {inputs: [[1]], defaults: [1]}} | 34466 | cannot specify defaults unless useLongestLength is true
            {$zip: 1}                        | 34460 | $zip only supports an object as an argument, found int
            """)
    void parseErrors(String expression, int code, String message) {
        assertParseError(expression, code, message);
    }
}
