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

/** {@code $let}, {@code $map}, {@code $filter}, {@code $reduce} and {@code $switch}: user variables and branching. */
class VariableExpressionTest {
    static final BsonDocument ROOT = BsonDocument.parse(
            "{price: 10, tax: 0.5, qty: [1, 2, 3, 4], items: [{n: 'a', p: 5}, {n: 'b', p: 20}], s: 'x', nul: null}");

    @Test
    void letBindsVariablesForItsBody() {
        assertThat(eval("{$let: {vars: {total: {$add: ['$price', '$tax']}}, in: {$multiply: ['$$total', 2]}}}", ROOT))
                .isEqualTo(value("21.0"));
        // Variables are evaluated in the outer scope; an inner $let hides an outer variable of the same name.
        assertThat(eval("{$let: {vars: {a: 1}, in: {$let: {vars: {a: 2, b: '$$a'}, in: ['$$a', '$$b']}}}}", ROOT))
                .isEqualTo(value("[2, 1]"));
        assertThat(eval("{$let: {vars: {d: {x: {y: 3}}}, in: '$$d.x.y'}}", ROOT))
                .isEqualTo(value("3"));
        assertThat(eval("{$let: {vars: {m: '$missing'}, in: '$$m'}}", ROOT)).isNull();
        assertThat(eval("{$let: {vars: {}, in: '$s'}}", ROOT)).isEqualTo(value("'x'"));
        // CURRENT may be rebound, which moves plain field paths.
        assertThat(eval("{$let: {vars: {CURRENT: {a: 7}}, in: '$a'}}", ROOT)).isEqualTo(value("7"));
    }

    @Test
    void mapFilterAndReduceBindTheirElement() {
        assertThat(eval("{$map: {input: '$qty', in: {$multiply: ['$$this', 2]}}}", ROOT))
                .isEqualTo(value("[2, 4, 6, 8]"));
        assertThat(eval("{$map: {input: '$items', as: 'item', in: '$$item.n'}}", ROOT))
                .isEqualTo(value("['a', 'b']"));
        assertThat(eval("{$map: {input: [1, 2], in: '$$this.x'}}", ROOT)).isEqualTo(value("[null, null]"));
        assertThat(eval("{$map: {input: '$missing', in: 1}}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$filter: {input: '$qty', as: 'q', cond: {$gte: ['$$q', 3]}}}", ROOT))
                .isEqualTo(value("[3, 4]"));
        assertThat(eval("{$filter: {input: '$qty', cond: {$gt: ['$$this', 1]}, limit: 2}}", ROOT))
                .isEqualTo(value("[2, 3]"));
        assertThat(eval("{$filter: {input: '$items', cond: {$gt: ['$$this.p', '$price']}}}", ROOT))
                .isEqualTo(value("[{n: 'b', p: 20}]"));
        assertThat(eval("{$filter: {input: null, cond: true}}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$reduce: {input: '$qty', initialValue: 0, in: {$add: ['$$value', '$$this']}}}", ROOT))
                .isEqualTo(value("10"));
        assertThat(eval("{$reduce: {input: ['a', 'b', 'c'], initialValue: '', in: {$concat: ['$$value', '$$this']}}}"))
                .isEqualTo(value("'abc'"));
        assertThat(eval("{$reduce: {input: [], initialValue: 5, in: 0}}")).isEqualTo(value("5"));
        assertThat(eval("{$reduce: {input: '$nul', initialValue: 5, in: 0}}", ROOT))
                .isEqualTo(value("null"));
        // Nested: the inner $$this hides the outer one, a named outer variable stays visible.
        assertThat(
                        eval(
                                "{$map: {input: [[1, 2], [3]], as: 'row', in: {$map: {input: '$$row', in: {$add: ['$$this', {$size: '$$row'}]}}}}}"))
                .isEqualTo(value("[[3, 4], [4]]"));
    }

    @Test
    void switchTakesTheFirstTrueBranch() {
        String expression = "{$switch: {branches: [{case: {$lt: ['$price', 5]}, then: 'low'},"
                + " {case: {$lt: ['$price', 50]}, then: 'mid'}], default: 'high'}}";
        assertThat(eval(expression, ROOT)).isEqualTo(value("'mid'"));
        assertThat(eval(expression, BsonDocument.parse("{price: 100}"))).isEqualTo(value("'high'"));
        assertThat(eval("{$switch: {branches: [{case: '$missing', then: 1}, {case: 'yes', then: 2}]}}"))
                .isEqualTo(value("2"));
        assertEvaluationError(
                "{$switch: {branches: [{case: false, then: 1}]}}",
                ROOT,
                40066,
                "$switch could not find a matching branch for an input, and no default was specified.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$let: 1}                                  | 16874 | $let only supports an object as its argument
            {$let: {vars: {}, in: 1, x: 1}}            | 16875 | Unrecognized parameter to $let: x
            {$let: {in: 1}}                            | 16876 | Missing 'vars' parameter to $let
            {$let: {vars: {}}}                         | 16877 | Missing 'in' parameter to $let
            {$let: {vars: {Up: 1}, in: 1}}             | 16867 | 'Up' starts with an invalid character for a user variable name
            {$let: {vars: {'a-b': 1}, in: 1}}          | 16868 | 'a-b' contains an invalid character for a variable name: '-'
            {$let: {vars: {a: 1}, in: '$$b'}}          | 17276 | Use of undefined variable: b
            {$let: {vars: {a: 1, b: '$$a'}, in: 1}}    | 17276 | Use of undefined variable: a
            {$map: {input: [], in: '$$x'}}             | 17276 | Use of undefined variable: x
            {$map: {in: 1}}                            | 16880 | Missing 'input' parameter to $map
            {$map: {input: []}}                        | 16882 | Missing 'in' parameter to $map
            {$map: {input: [], in: 1, y: 2}}           | 16879 | Unrecognized parameter to $map: y
            {$filter: {input: []}}                     | 28650 | Missing 'cond' parameter to $filter
            {$filter: []}                              | 28646 | $filter only supports an object as its argument
            {$reduce: {input: [], in: 1}}              | 40078 | $reduce requires 'initialValue' to be specified
            {$reduce: {input: [], initialValue: 0, in: '$$other'}} | 17276 | Use of undefined variable: other
            {$switch: {branches: []}}                  | 40068 | $switch requires at least one branch
            {$switch: {branches: [{then: 1}]}}         | 40064 | $switch requires each branch have a 'case' expression
            {$switch: {branches: [{case: 1}]}}         | 40065 | $switch requires each branch have a 'then' expression.
            {$switch: {branches: 1}}                   | 40061 | $switch expected an array for 'branches', found: int
            {$switch: {branches: [{case: 1, then: 1}], x: 1}} | 40067 | $switch found an unknown argument: x
            """)
    void parseErrors(String expression, int code, String message) {
        assertParseError(expression, code, message);
    }

    @Test
    void evaluationErrors() {
        assertEvaluationError("{$map: {input: '$s', in: 1}}", ROOT, 16883, "input to $map must be an array not string");
        assertEvaluationError(
                "{$filter: {input: 5, cond: true}}", ROOT, 28651, "input to $filter must be an array not int");
        assertEvaluationError(
                "{$reduce: {input: 'ab', initialValue: 0, in: 1}}",
                ROOT,
                40080,
                "$reduce requires that 'input' be an array, found: \"ab\"");
    }
}
