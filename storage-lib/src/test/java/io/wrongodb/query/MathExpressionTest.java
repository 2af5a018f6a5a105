package io.wrongodb.query;

import static io.wrongodb.query.Evaluation.assertEvaluationError;
import static io.wrongodb.query.Evaluation.eval;
import static io.wrongodb.query.Evaluation.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rounding, powers and logarithms, and {@code $sum $avg $max $min} as expressions, as MongoDB 7.0 computes them. */
class MathExpressionTest {
    static final BsonDocument ROOT = BsonDocument.parse("{a: [1, 2, 3, 'x', null], n: 5, s: 'x'}");

    @Test
    void rounding() {
        assertThat(eval("{$ceil: 1.2}")).isEqualTo(value("2.0"));
        assertThat(eval("{$ceil: -1.2}")).isEqualTo(value("-1.0"));
        assertThat(eval("{$floor: -1.2}")).isEqualTo(value("-2.0"));
        assertThat(eval("{$floor: 7}")).isEqualTo(value("7"));
        assertThat(eval("{$floor: NumberDecimal('2.7')}")).isEqualTo(value("NumberDecimal('2')"));
        assertThat(eval("{$ceil: null}")).isEqualTo(value("null"));
        assertThat(eval("{$round: 2.5}")).isEqualTo(value("2.0"));
        assertThat(eval("{$round: 3.5}")).isEqualTo(value("4.0"));
        assertThat(eval("{$round: [1.2345, 2]}")).isEqualTo(value("1.23"));
        assertThat(eval("{$round: [1234, -2]}")).isEqualTo(value("1200"));
        assertThat(eval("{$round: [1250, -2]}")).isEqualTo(value("1200"));
        assertThat(eval("{$round: [NumberLong(1234), 1]}")).isEqualTo(value("NumberLong(1234)"));
        assertThat(eval("{$round: [NumberDecimal('1.255'), 2]}")).isEqualTo(value("NumberDecimal('1.26')"));
        assertThat(eval("{$trunc: 7.9}")).isEqualTo(value("7.0"));
        assertThat(eval("{$trunc: -7.9}")).isEqualTo(value("-7.0"));
        assertThat(eval("{$trunc: [7.987, 1]}")).isEqualTo(value("7.9"));
        assertThat(eval("{$trunc: [1299, -2]}")).isEqualTo(value("1200"));
        assertThat(eval("{$round: ['$missing', 1]}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$round: [1.5, null]}")).isEqualTo(value("null"));
    }

    @Test
    void powersAndLogarithms() {
        assertThat(eval("{$sqrt: 25}")).isEqualTo(value("5.0"));
        assertThat(eval("{$sqrt: NumberDecimal('2.25')}")).isEqualTo(value("NumberDecimal('1.5')"));
        assertThat(eval("{$pow: [2, 10]}")).isEqualTo(value("1024"));
        assertThat(eval("{$pow: [2, 40]}")).isEqualTo(value("NumberLong('1099511627776')"));
        assertThat(eval("{$pow: [NumberLong(2), 3]}")).isEqualTo(value("NumberLong(8)"));
        assertThat(eval("{$pow: [2, -1]}")).isEqualTo(value("0.5"));
        assertThat(eval("{$pow: [-1, -3]}")).isEqualTo(value("-1"));
        assertThat(eval("{$pow: [2.0, 3]}")).isEqualTo(value("8.0"));
        assertThat(eval("{$pow: [2, 100]}")).isEqualTo(value("1.2676506002282294E30"));
        assertThat(eval("{$exp: 0}")).isEqualTo(value("1.0"));
        assertThat(eval("{$ln: 1}")).isEqualTo(value("0.0"));
        assertThat(eval("{$log10: 1000}")).isEqualTo(value("3.0"));
        assertThat(eval("{$log: [8, 2]}")).isEqualTo(value("3.0"));
        assertThat(eval("{$log: [null, 2]}")).isEqualTo(value("null"));
        assertThat(eval("{$sqrt: '$missing'}", ROOT)).isEqualTo(value("null"));
    }

    @Test
    void summariesOverAnArrayOrTheArguments() {
        assertThat(eval("{$sum: '$a'}", ROOT)).isEqualTo(value("6"));
        assertThat(eval("{$sum: [1, 2.5, '$n']}", ROOT)).isEqualTo(value("8.5"));
        assertThat(eval("{$sum: ['$s', null]}", ROOT)).isEqualTo(value("0"));
        assertThat(eval("{$sum: '$missing'}", ROOT)).isEqualTo(value("0"));
        assertThat(eval("{$sum: 5}")).isEqualTo(value("5"));
        assertThat(eval("{$sum: [2147483647, 1]}")).isEqualTo(value("NumberLong('2147483648')"));
        assertThat(eval("{$sum: [1, NumberDecimal('0.5')]}")).isEqualTo(value("NumberDecimal('1.5')"));
        assertThat(eval("{$avg: '$a'}", ROOT)).isEqualTo(value("2.0"));
        assertThat(eval("{$avg: [1, 2]}")).isEqualTo(value("1.5"));
        assertThat(eval("{$avg: ['x']}")).isEqualTo(value("null"));
        assertThat(eval("{$max: '$a'}", ROOT)).isEqualTo(value("'x'"));
        assertThat(eval("{$max: [1, null, 3]}")).isEqualTo(value("3"));
        assertThat(eval("{$min: '$a'}", ROOT)).isEqualTo(value("1"));
        assertThat(eval("{$min: [null, '$missing']}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$max: [[1, 2]]}")).isEqualTo(value("2"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$ceil: 'a'}        | 28765 | $ceil only supports numeric types, not string
            {$sqrt: -1}         | 28714 | $sqrt's argument must be greater than or equal to 0
            {$ln: 0}            | 28766 | $ln's argument must be a positive number, but is 0
            {$log10: -1}        | 28761 | $log10's argument must be a positive number, but is -1
            {$log: ['a', 2]}    | 28756 | $log's argument must be numeric, not string
            {$log: [2, 1]}      | 28759 | $log's base must be a positive number not equal to 1, but is 1
            {$pow: ['a', 2]}    | 28762 | $pow's base must be numeric, not string
            {$pow: [2, 'a']}    | 28763 | $pow's exponent must be numeric, not string
            {$pow: [0, -1]}     | 28764 | $pow cannot take a base of 0 and a negative exponent
            {$round: 'a'}       | 51081 | $round only supports numeric types, not string
            {$round: [1, 1.5]}  | 51082 | precision argument to  $round must be a integral value
            {$trunc: [1, 101]}  | 51083 | cannot apply $trunc with precision value 101 value must be in [-20, 100]
            """)
    void evaluationErrors(String expression, int code, String message) {
        assertEvaluationError(expression, ROOT, code, message);
    }
}
