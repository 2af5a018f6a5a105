package io.wrongodb.query;

import static io.wrongodb.query.Documents.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid filters fail when parsed, with MongoDB 7.0's code and message; none silently matches. */
class FilterErrorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$foo: 1}                             | 2  | unknown top level operator: $foo. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.
            {$not: {a: 1}}                        | 2  | unknown top level operator: $not. If you are trying to negate an entire expression, use $nor.
            {$elemMatch: {a: 1}}                  | 2  | unknown top level operator: $elemMatch. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.
            {a: {$foo: 1}}                        | 2  | unknown operator: $foo
            {a: {$gt: 1, b: 2}}                   | 2  | unknown operator: b
            {a: {$in: 1}}                         | 2  | $in needs an array
            {a: {$nin: {}}}                       | 2  | $nin needs an array
            {a: {$in: [{$gt: 1}]}}                | 2  | cannot nest $ under $in
            {a: {$in: [undefined]}}               | 2  | InMatchExpression equality cannot be undefined
            {$and: []}                            | 2  | $and/$or/$nor must be a nonempty array
            {$or: {a: 1}}                         | 2  | $or must be an array
            {$nor: [1]}                           | 2  | $or/$and/$nor entries need to be full objects
            {a: {$regex: 1}}                      | 2  | $regex has to be a string
            {a: {$options: 'i'}}                  | 2  | $options needs a $regex
            {a: {$regex: 'x', $options: 1}}       | 2  | $options has to be a string
            {a: {$regex: /x/i, $options: 'm'}}    | 51075 | options set in both $regex and $options
            {a: {$options: 'm', $regex: /x/i}}    | 51074 | options set in both $regex and $options
            {a: {$regex: 'x', $options: 'z'}}     | 51108 | invalid flag in regex options: z
            {a: {$size: 'x'}}                     | 2  | Failed to parse $size. Expected a number in: $size: "x"
            {a: {$size: -1}}                      | 2  | Failed to parse $size. Expected a positive number in: $size: -1
            {a: {$size: 1.5}}                     | 2  | Failed to parse $size. Expected an integer: $size: 1.5
            {a: {$mod: 'x'}}                      | 2  | malformed mod, needs to be an array
            {a: {$mod: []}}                       | 2  | malformed mod, not enough elements
            {a: {$mod: [2]}}                      | 2  | malformed mod, not enough elements
            {a: {$mod: ['2', 1]}}                 | 2  | malformed mod, divisor not a number
            {a: {$mod: [2, '1']}}                 | 2  | malformed mod, remainder not a number
            {a: {$mod: [2, 1, 0]}}                | 2  | malformed mod, too many elements
            {a: {$mod: [0, 1]}}                   | 2  | divisor cannot be 0
            {a: {$mod: [0.5, 1]}}                 | 2  | divisor cannot be 0
            {a: {$mod: [NaN, 1]}}                 | 2  | malformed mod, divisor value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type
            {a: {$mod: [1, Infinity]}}            | 2  | malformed mod, remainder value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type
            {a: {$mod: [1e300, 1]}}               | 2  | malformed mod, divisor value is invalid :: caused by :: Out of bounds coercing to integral value
            {a: {$type: 'foo'}}                   | 2  | Unknown type name alias: foo
            {a: {$type: 'missing'}}               | 2  | 'missing' is not a legal type name. To query for non-existence of a field, use {$exists:false}.
            {a: {$type: 100}}                     | 2  | Invalid numerical type code: 100
            {a: {$type: 1.5}}                     | 2  | Invalid numerical type code: 1.5
            {a: {$type: 0}}                       | 2  | Invalid numerical type code: 0. Instead use {$exists:false}.
            {a: {$type: true}}                    | 14 | type must be represented as a number or a string
            {a: {$type: []}}                      | 9  | a must match at least one type
            {a: {$elemMatch: 1}}                  | 2  | $elemMatch needs an Object
            {a: {$elemMatch: {$expr: true}}}      | 2  | $expr can only be applied to the top-level document
            {a: {$elemMatch: {b: {$foo: 1}}}}     | 2  | unknown operator: $foo
            {a: {$all: 1}}                        | 2  | $all needs an array
            {a: {$all: [{$elemMatch: {}}, 1]}}    | 2  | $all/$elemMatch has to be consistent
            {a: {$all: [{$gt: 1}]}}               | 2  | no $ expressions in $all
            {a: {$not: 1}}                        | 2  | $not needs a regex or a document
            {a: {$not: {}}}                       | 2  | $not cannot be empty
            {a: {$not: {b: 1}}}                   | 2  | unknown operator: b
            {a: {$ne: /x/}}                       | 2  | Can't have regex as arg to $ne.
            {a: {$gt: /x/}}                       | 2  | Can't have RegEx as arg to predicate over field 'a'.
            {a: undefined}                        | 2  | cannot compare to undefined
            {a: {$lte: undefined}}                | 2  | cannot compare to undefined
            {$alwaysTrue: 2}                      | 9  | $alwaysTrue must be an integer value of 1
            {$where: 'this.a > 1'}                | 2  | $where is not allowed in this context
            {a: {$where: 'this.a > 1'}}           | 2  | $where cannot be applied to a field
            {$text: {$search: 'x'}}               | 27 | text index required for $text query
            {$jsonSchema: {}}                     | 238 | $jsonSchema is not supported by WrongoDB
            {a: {$near: [0, 0]}}                  | 238 | $near is not supported by WrongoDB
            {a: {$geoWithin: {$center: [[0, 0], 1]}}} | 238 | $geoWithin is not supported by WrongoDB
            {a: {$bitsAllSet: 1}}                 | 238 | $bitsAllSet is not supported by WrongoDB
            {$expr: {$foo: 1}}                    | 168 | Unrecognized expression '$foo'
            {$expr: {$eq: [1]}}                   | 16020 | Expression $eq takes exactly 2 arguments. 1 were passed in.
            """)
    void refusedWithMongoDbsCodeAndMessage(String filter, int code, String message) {
        MongoServerException e = catchThrowableOfType(() -> Filter.parse(doc(filter)), MongoServerException.class);
        assertThat(e).as(filter).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock = """
            {a: {$regex: '('}}
            {a: {$regex: 'a[b'}}
            """)
    void invalidRegularExpression(String filter) {
        MongoServerException e = catchThrowableOfType(() -> Filter.parse(doc(filter)), MongoServerException.class);
        assertThat(e.code()).isEqualTo(51091);
        assertThat(e.codeName()).isEqualTo("Location51091");
        assertThat(e.getMessage()).startsWith("Regular expression is invalid: ");
    }
}
