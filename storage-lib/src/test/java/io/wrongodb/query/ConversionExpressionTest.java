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

/** {@code $convert}, its {@code $toX} shorthands and {@code $isNumber}, as MongoDB 7.0 converts. */
class ConversionExpressionTest {
    static final BsonDocument ROOT = BsonDocument.parse("{s: '42', f: '2.5', bad: 'abc', nul: null,"
            + " t: ISODate('2018-03-27T16:58:51.538Z'), oid: ObjectId('5ab9cbfa31c2ab715d42129e')}");

    @Test
    void toNumbers() {
        assertThat(eval("{$toInt: '$s'}", ROOT)).isEqualTo(value("42"));
        assertThat(eval("{$toInt: 2.9}")).isEqualTo(value("2"));
        assertThat(eval("{$toInt: -2.9}")).isEqualTo(value("-2"));
        assertThat(eval("{$toInt: true}")).isEqualTo(value("1"));
        assertThat(eval("{$toInt: NumberLong(7)}")).isEqualTo(value("7"));
        assertThat(eval("{$toLong: '$s'}", ROOT)).isEqualTo(value("NumberLong(42)"));
        assertThat(eval("{$toLong: '$t'}", ROOT)).isEqualTo(value("NumberLong('1522169931538')"));
        assertThat(eval("{$toDouble: '$f'}", ROOT)).isEqualTo(value("2.5"));
        assertThat(eval("{$toDouble: false}")).isEqualTo(value("0.0"));
        assertThat(eval("{$toDouble: '$t'}", ROOT)).isEqualTo(value("1522169931538.0"));
        assertThat(eval("{$toDecimal: 2.5}")).isEqualTo(value("NumberDecimal('2.50000000000000')"));
        assertThat(eval("{$toDecimal: 5}")).isEqualTo(value("NumberDecimal('5')"));
        assertThat(eval("{$toDecimal: '-5.5'}")).isEqualTo(value("NumberDecimal('-5.5')"));
        assertThat(eval("{$toDecimal: true}")).isEqualTo(value("NumberDecimal('1')"));
        assertThat(eval("{$toInt: '$missing'}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$toDouble: null}")).isEqualTo(value("null"));
    }

    @Test
    void toBoolStringDateAndObjectId() {
        assertThat(eval("{$toBool: 0}")).isEqualTo(value("false"));
        assertThat(eval("{$toBool: NumberDecimal('0.0')}")).isEqualTo(value("false"));
        assertThat(eval("{$toBool: 2.5}")).isEqualTo(value("true"));
        assertThat(eval("{$toBool: ''}")).isEqualTo(value("true"));
        assertThat(eval("{$toBool: 'false'}")).isEqualTo(value("true"));
        assertThat(eval("{$toBool: [[]]}")).isEqualTo(value("true"));
        assertThat(eval("{$toString: 2.5}")).isEqualTo(value("'2.5'"));
        assertThat(eval("{$toString: 5.0}")).isEqualTo(value("'5'"));
        assertThat(eval("{$toString: NumberLong(9)}")).isEqualTo(value("'9'"));
        assertThat(eval("{$toString: NumberDecimal('1.50')}")).isEqualTo(value("'1.50'"));
        assertThat(eval("{$toString: true}")).isEqualTo(value("'true'"));
        assertThat(eval("{$toString: '$t'}", ROOT)).isEqualTo(value("'2018-03-27T16:58:51.538Z'"));
        assertThat(eval("{$toString: '$oid'}", ROOT)).isEqualTo(value("'5ab9cbfa31c2ab715d42129e'"));
        assertThat(eval("{$toDate: NumberLong('1522169931538')}"))
                .isEqualTo(value("ISODate('2018-03-27T16:58:51.538Z')"));
        assertThat(eval("{$toDate: 1522169931538.9}")).isEqualTo(value("ISODate('2018-03-27T16:58:51.538Z')"));
        assertThat(eval("{$toDate: '2018-03-27T16:58:51.538Z'}"))
                .isEqualTo(value("ISODate('2018-03-27T16:58:51.538Z')"));
        assertThat(eval("{$toDate: '2018-03-27'}")).isEqualTo(value("ISODate('2018-03-27T00:00:00Z')"));
        assertThat(eval("{$toDate: '2018-03-27T18:58:51+02:00'}")).isEqualTo(value("ISODate('2018-03-27T16:58:51Z')"));
        assertThat(eval("{$toDate: '$oid'}", ROOT)).isEqualTo(value("ISODate('2018-03-27T04:43:38Z')"));
        assertThat(eval("{$toObjectId: '5ab9cbfa31c2ab715d42129e'}"))
                .isEqualTo(value("ObjectId('5ab9cbfa31c2ab715d42129e')"));
        assertThat(eval("{$isNumber: NumberDecimal('1')}")).isEqualTo(value("true"));
        assertThat(eval("{$isNumber: '5'}")).isEqualTo(value("false"));
        assertThat(eval("{$isNumber: '$missing'}", ROOT)).isEqualTo(value("false"));
    }

    @Test
    void convertWithOnErrorAndOnNull() {
        assertThat(eval("{$convert: {input: '$s', to: 'int'}}", ROOT)).isEqualTo(value("42"));
        assertThat(eval("{$convert: {input: '$s', to: 16}}", ROOT)).isEqualTo(value("42"));
        assertThat(eval("{$convert: {input: '$s', to: NumberLong(18)}}", ROOT)).isEqualTo(value("NumberLong(42)"));
        assertThat(eval("{$convert: {input: '$bad', to: 'int', onError: -1}}", ROOT))
                .isEqualTo(value("-1"));
        assertThat(eval("{$convert: {input: '$missing', to: 'int', onNull: 0}}", ROOT))
                .isEqualTo(value("0"));
        assertThat(eval("{$convert: {input: '$nul', to: 'int', onError: 5}}", ROOT))
                .isEqualTo(value("null"));
        assertThat(eval("{$convert: {input: 1, to: null}}")).isEqualTo(value("null"));
        assertThat(eval("{$convert: {input: null, to: null, onNull: 'NULL'}}")).isEqualTo(value("'NULL'"));
        assertThat(eval("{$convert: {input: 1.9, to: 'minKey', onError: 'ERROR'}}"))
                .isEqualTo(value("'ERROR'"));
        assertThat(eval("{$convert: {input: 1.9, to: 'missing', onError: 'ERROR'}}"))
                .isEqualTo(value("'ERROR'"));
        assertThat(eval("{$convert: {input: 1.9, to: 'int', onError: '$$REMOVE'}}"))
                .isEqualTo(value("1"));
        assertThat(eval("{$convert: {input: 1.9, to: 'objectId', onError: '$$REMOVE'}}"))
                .isNull();
        assertThat(eval("{$toString: 1.9}")).isEqualTo(value("'1.9'"));
        assertThat(eval("{$toDecimal: 1.9}")).isEqualTo(value("NumberDecimal('1.90000000000000')"));
        assertThat(eval("{$toDate: 1.9}")).isEqualTo(value("ISODate('1970-01-01T00:00:00.001Z')"));
        assertThat(eval("{$convert: {input: [1], to: 'string', onError: 'no'}}"))
                .isEqualTo(value("'no'"));
        assertThat(eval("{$convert: {input: 3000000000, to: 'int', onError: '$s'}}", ROOT))
                .isEqualTo(value("'42'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$toInt: '$bad'}          | 241 | Failed to parse number 'abc' in $convert with no onError value: Bad digit "a" while parsing abc
            {$toInt: '$f'}            | 241 | Failed to parse number '2.5' in $convert with no onError value: Bad digit "." while parsing 2.5
            {$toInt: 3000000000}      | 241 | Conversion would overflow target type in $convert with no onError value: 3000000000
            {$toDouble: '$bad'}       | 241 | Failed to parse number 'abc' in $convert with no onError value: Did not consume whole string.
            {$toInt: '$t'}            | 241 | Unsupported conversion from date to int in $convert with no onError value
            {$toDate: 5}              | 241 | Unsupported conversion from int to date in $convert with no onError value
            {$toString: [[1]]}        | 241 | Unsupported conversion from array to string in $convert with no onError value
            {$toObjectId: 'abc'}      | 241 | Failed to parse objectId 'abc' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found 3
            {$convert: {input: 1, to: 'blah'}} | 2 | Unknown type name: blah
            {$convert: {input: null, to: 'blah', onError: 0}} | 2 | Unknown type name: blah
            {$convert: {input: 1.9, to: 'object'}} | 241 | Unsupported conversion from double to object in $convert with no onError value
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
            {$convert: {to: 'int'}}              | 9 | Missing 'input' parameter to $convert
            {$convert: {input: 1}}               | 9 | Missing 'to' parameter to $convert
            {$convert: {input: 1, to: 'int', x: 1}} | 9 | $convert found an unknown argument: x
            {$convert: 1}                        | 9 | $convert expects an object of named arguments but found: int
            {$toInt: [1, 2]}                     | 16020 | Expression $toInt takes exactly 1 arguments. 2 were passed in.
            """)
    void parseErrors(String expression, int code, String message) {
        assertParseError(expression, code, message);
    }
}
