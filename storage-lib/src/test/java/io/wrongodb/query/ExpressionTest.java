package io.wrongodb.query;

import static io.wrongodb.query.Documents.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aggregation expressions: paths, variables, operators and their number types, as MongoDB 7.0 evaluates them. */
class ExpressionTest {
    static final BsonDocument ROOT = doc("{_id: 1, a: {b: 5, c: [1, 2]}, n: 'x', arr: [{b: 1}, {c: 2}, {b: [3]},"
            + " 7, [{b: 4}]], big: 2147483647, l: NumberLong(3), d: 2.5, dec: NumberDecimal('1.5'), nul: null,"
            + " t: ISODate('2020-01-01T00:00:00Z')}");

    static BsonValue eval(String expression) {
        return Expression.parse(doc("{e: " + expression + "}").get("e")).evaluate(ROOT);
    }

    @Test
    void fieldPathsAndVariables() {
        assertThat(eval("'$a.b'")).isEqualTo(new BsonInt32(5));
        assertThat(eval("'$$CURRENT.a.b'")).isEqualTo(new BsonInt32(5));
        assertThat(eval("'$$ROOT.n'")).isEqualTo(new BsonString("x"));
        assertThat(eval("'$$ROOT'")).isSameAs(ROOT);
        assertThat(eval("'$missing'")).isNull();
        assertThat(eval("'$n.x'")).isNull();
        assertThat(eval("'$$REMOVE'")).isNull();
        // Across arrays a path maps over the documents in it, skipping other elements, nested arrays included;
        // numbers are names, not positions.
        assertThat(eval("'$arr.b'")).isEqualTo(doc("{v: [1, [3]]}").get("v"));
        assertThat(eval("'$a.c.0'")).isEqualTo(new BsonArray());
    }

    @Test
    void literalsObjectsAndArrays() {
        assertThat(eval("{$literal: '$a'}")).isEqualTo(new BsonString("$a"));
        assertThat(eval("{$literal: {$add: 1}}")).isEqualTo(doc("{$add: 1}"));
        assertThat(eval("'plain'")).isEqualTo(new BsonString("plain"));
        assertThat(eval("{x: '$a.b', y: '$missing', z: {$add: [1, 1]}}")).isEqualTo(doc("{x: 5, z: 2}"));
        assertThat(eval("['$a.b', '$missing']")).isEqualTo(doc("{v: [5, null]}").get("v"));
        assertThat(eval("{}")).isEqualTo(new BsonDocument());
    }

    @Test
    void comparisonsUseTheOrderOfAllValues() {
        assertThat(eval("{$eq: ['$a.b', 5.0]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$gt: ['$n', 100]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$lt: ['$missing', null]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$eq: ['$missing', null]}")).isEqualTo(org.bson.BsonBoolean.FALSE);
        assertThat(eval("{$ne: ['$a.c', [1, 2]]}")).isEqualTo(org.bson.BsonBoolean.FALSE);
        assertThat(eval("{$cmp: ['$a.b', 7]}")).isEqualTo(new BsonInt32(-1));
        assertThat(eval("{$cmp: ['b', 'a']}")).isEqualTo(new BsonInt32(1));
        assertThat(eval("{$gte: ['$a.b', 5]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$lte: [6, '$a.b']}")).isEqualTo(org.bson.BsonBoolean.FALSE);
    }

    @Test
    void booleanOperatorsTreatNullZeroAndMissingAsFalse() {
        assertThat(eval("{$and: [1, 'green']}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$and: []}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$and: [[], {}, '']}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$and: [1, '$missing']}")).isEqualTo(org.bson.BsonBoolean.FALSE);
        assertThat(eval("{$or: [0, null, false]}")).isEqualTo(org.bson.BsonBoolean.FALSE);
        assertThat(eval("{$or: [0, NumberDecimal('0.1')]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$not: [0]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$not: '$a'}")).isEqualTo(org.bson.BsonBoolean.FALSE);
    }

    @Test
    void arithmeticKeepsTheWidestNumberType() {
        assertThat(eval("{$add: [1, 2]}")).isEqualTo(new BsonInt32(3));
        assertThat(eval("{$add: ['$big', 1]}")).isEqualTo(new BsonInt64(2147483648L));
        assertThat(eval("{$add: [1, '$l']}")).isEqualTo(new BsonInt64(4));
        assertThat(eval("{$add: [1, '$d']}")).isEqualTo(new BsonDouble(3.5));
        assertThat(eval("{$add: [1, '$dec']}")).isEqualTo(new BsonDecimal128(Decimal128.parse("2.5")));
        assertThat(eval("{$add: [NumberLong('9223372036854775807'), 1]}"))
                .isEqualTo(new BsonDouble(9.223372036854775807E18));
        assertThat(eval("{$add: []}")).isEqualTo(new BsonInt32(0));
        assertThat(eval("{$add: [1, null]}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$add: ['$missing', 1]}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$add: ['$t', 1000]}")).isEqualTo(new BsonDateTime(1577836801000L));
        assertThat(eval("{$subtract: [10, 2.5]}")).isEqualTo(new BsonDouble(7.5));
        assertThat(eval("{$subtract: ['$t', '$t']}")).isEqualTo(new BsonInt64(0));
        assertThat(eval("{$subtract: ['$t', 1000]}")).isEqualTo(new BsonDateTime(1577836799000L));
        assertThat(eval("{$subtract: [5, null]}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$multiply: [2, 3]}")).isEqualTo(new BsonInt32(6));
        assertThat(eval("{$multiply: ['$big', 2]}")).isEqualTo(new BsonInt64(4294967294L));
        assertThat(eval("{$multiply: [2, '$d']}")).isEqualTo(new BsonDouble(5.0));
        assertThat(eval("{$divide: [6, 3]}")).isEqualTo(new BsonDouble(2.0));
        assertThat(eval("{$divide: [1, '$dec']}").isDecimal128()).isTrue();
        assertThat(eval("{$mod: [7, 3]}")).isEqualTo(new BsonInt32(1));
        assertThat(eval("{$mod: [-7, 3]}")).isEqualTo(new BsonInt32(-1));
        assertThat(eval("{$mod: [7, NumberLong(3)]}")).isEqualTo(new BsonInt64(1));
        assertThat(eval("{$mod: [7.5, 2]}")).isEqualTo(new BsonDouble(1.5));
        assertThat(eval("{$abs: -5}")).isEqualTo(new BsonInt32(5));
        assertThat(eval("{$abs: [-2.5]}")).isEqualTo(new BsonDouble(2.5));
        assertThat(eval("{$abs: -2147483648}")).isEqualTo(new BsonInt64(2147483648L));
        assertThat(eval("{$abs: null}")).isEqualTo(BsonNull.VALUE);
    }

    @Test
    void conditionalsAndArrays() {
        assertThat(eval("{$cond: [{$gt: ['$a.b', 1]}, 'big', 'small']}")).isEqualTo(new BsonString("big"));
        assertThat(eval("{$cond: {if: '$missing', then: 1, else: 2}}")).isEqualTo(new BsonInt32(2));
        assertThat(eval("{$ifNull: ['$missing', '$nul', 'default']}")).isEqualTo(new BsonString("default"));
        assertThat(eval("{$ifNull: ['$n', 'default']}")).isEqualTo(new BsonString("x"));
        assertThat(eval("{$ifNull: ['$nul', '$missing']}")).isNull();
        assertThat(eval("{$in: [2, '$a.c']}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$in: [2.0, [1, 2]]}")).isEqualTo(org.bson.BsonBoolean.TRUE);
        assertThat(eval("{$in: ['2', [1, 2]]}")).isEqualTo(org.bson.BsonBoolean.FALSE);
        assertThat(eval("{$size: '$a.c'}")).isEqualTo(new BsonInt32(2));
        assertThat(eval("{$type: '$a.c'}")).isEqualTo(new BsonString("array"));
        assertThat(eval("{$type: '$missing'}")).isEqualTo(new BsonString("missing"));
        assertThat(eval("{$type: '$l'}")).isEqualTo(new BsonString("long"));
        assertThat(eval("{$type: '$t'}")).isEqualTo(new BsonString("date"));
    }

    @Test
    void parsedOnceEvaluatedManyTimes() {
        Expression twice = Expression.parse(new BsonString("$v"));
        assertThat(twice.evaluate(doc("{v: 1}"))).isEqualTo(new BsonInt32(1));
        assertThat(twice.evaluate(doc("{v: 2}"))).isEqualTo(new BsonInt32(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$foo: 1}                      | 168   | Unrecognized expression '$foo'
            {$add: 1, $b: 2}               | 15983 | an expression specification must contain exactly one field, the name of the expression. Found 2 fields in { $add: 1, $b: 2 }, while parsing object { $add: 1, $b: 2 }
            {a: 1, $b: 2}                  | 16410 | FieldPath field names may not start with '$'. Consider using $getField or $setField.
            '$'                            | 16872 | '$' by itself is not a valid FieldPath
            '$a..b'                        | 15998 | FieldPath field names may not be empty strings.
            '$$foo'                        | 17276 | Use of undefined variable: foo
            {$eq: [1, 2, 3]}               | 16020 | Expression $eq takes exactly 2 arguments. 3 were passed in.
            {$not: [1, 2]}                 | 16020 | Expression $not takes exactly 1 arguments. 2 were passed in.
            {$cond: [1, 2]}                | 16020 | Expression $cond takes exactly 3 arguments. 2 were passed in.
            {$cond: {then: 1, else: 2}}    | 17080 | Missing 'if' parameter to $cond
            {$cond: {if: 1, else: 2}}      | 17081 | Missing 'then' parameter to $cond
            {$cond: {if: 1, then: 2}}      | 17082 | Missing 'else' parameter to $cond
            {$cond: {if: 1, then: 2, else: 3, x: 1}} | 17083 | Unrecognized parameter to $cond: x
            {$ifNull: [1]}                 | 1257300 | $ifNull needs at least two arguments, had: 1
            """)
    void parseErrors(String expression, int code, String message) {
        MongoServerException e = catchThrowableOfType(
                () -> Expression.parse(doc("{e: " + expression + "}").get("e")), MongoServerException.class);
        assertThat(e).as(expression).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$add: [1, '$n']}              | 14    | $add only supports numeric or date types, not string
            {$add: ['$t', '$t']}           | 16612 | only one date allowed in an $add expression
            {$subtract: ['$n', 1]}         | 14    | can't $subtract int from string
            {$subtract: ['$t', '$n']}      | 14    | can't $subtract string from Date
            {$multiply: [2, '$a']}         | 14    | $multiply only supports numeric types, not object
            {$divide: [1, 0]}              | 16608 | can't $divide by zero
            {$divide: ['$n', 2]}           | 16609 | $divide only supports numeric types, not string and int
            {$mod: [1, 0]}                 | 16610 | can't $mod by zero
            {$mod: [1, '$n']}              | 16611 | $mod only supports numeric types, not int and string
            {$abs: '$n'}                   | 28765 | $abs only supports numeric types, not string
            {$abs: NumberLong('-9223372036854775808')} | 28680 | can't take $abs of long long min
            {$size: '$n'}                  | 17124 | The argument to $size must be an array. Type of argument is: string
            {$size: '$missing'}            | 17124 | The argument to $size must be an array. Type of argument is: missing
            {$in: [1, '$n']}               | 40081 | $in requires an array as a second argument, found: string
            """)
    void evaluationErrors(String expression, int code, String message) {
        Expression parsed = Expression.parse(doc("{e: " + expression + "}").get("e"));
        MongoServerException e = catchThrowableOfType(() -> parsed.evaluate(ROOT), MongoServerException.class);
        assertThat(e).as(expression).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.code()).isEqualTo(code);
    }
}
