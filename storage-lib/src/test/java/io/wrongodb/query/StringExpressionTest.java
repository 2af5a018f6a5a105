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

/** String and regex operators, with the values and errors MongoDB 7.0 gives. */
class StringExpressionTest {
    static final BsonDocument ROOT = BsonDocument.parse(
            "{s: 'Hello World', e: 'caf\u00e9', n: 5, d: 2.5, nul: null, t: ISODate('2020-03-04T05:06:07.089Z')}");

    @Test
    void concatAndCase() {
        assertThat(eval("{$concat: ['$s', '!', '']}", ROOT)).isEqualTo(value("'Hello World!'"));
        assertThat(eval("{$concat: []}")).isEqualTo(value("''"));
        assertThat(eval("{$concat: ['a', '$missing']}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$concat: ['a', null]}")).isEqualTo(value("null"));
        assertThat(eval("{$toUpper: '$s'}", ROOT)).isEqualTo(value("'HELLO WORLD'"));
        assertThat(eval("{$toLower: ['$s']}", ROOT)).isEqualTo(value("'hello world'"));
        // Only ASCII letters change case; numbers and dates become text; null and missing become "".
        assertThat(eval("{$toUpper: '$e'}", ROOT)).isEqualTo(value("'CAF\u00e9'"));
        assertThat(eval("{$toUpper: '$missing'}", ROOT)).isEqualTo(value("''"));
        assertThat(eval("{$toLower: '$n'}", ROOT)).isEqualTo(value("'5'"));
        assertThat(eval("{$toLower: '$d'}", ROOT)).isEqualTo(value("'2.5'"));
        assertThat(eval("{$toUpper: '$t'}", ROOT)).isEqualTo(value("'2020-03-04T05:06:07.089Z'"));
        assertThat(eval("{$strcasecmp: ['abc', 'ABC']}")).isEqualTo(value("0"));
        assertThat(eval("{$strcasecmp: ['abc', 'abd']}")).isEqualTo(value("-1"));
        assertThat(eval("{$strcasecmp: ['b', null]}")).isEqualTo(value("1"));
    }

    @Test
    void substringsCountBytesOrCodePoints() {
        assertThat(eval("{$substr: ['$s', 0, 5]}", ROOT)).isEqualTo(value("'Hello'"));
        assertThat(eval("{$substrBytes: ['$s', 6, -1]}", ROOT)).isEqualTo(value("'World'"));
        assertThat(eval("{$substrBytes: ['$s', 20, 2]}", ROOT)).isEqualTo(value("''"));
        assertThat(eval("{$substrBytes: ['$s', -1, 2]}", ROOT)).isEqualTo(value("''"));
        assertThat(eval("{$substrBytes: ['$e', 0, 5]}", ROOT)).isEqualTo(value("'caf\u00e9'"));
        assertThat(eval("{$substrBytes: [null, 0, 1]}")).isEqualTo(value("''"));
        assertThat(eval("{$substrCP: ['$e', 3, 1]}", ROOT)).isEqualTo(value("'\u00e9'"));
        assertThat(eval("{$substrCP: ['$s', 6, 100]}", ROOT)).isEqualTo(value("'World'"));
        assertThat(eval("{$substrCP: ['$s', 2.0, 2]}", ROOT)).isEqualTo(value("'ll'"));
        assertThat(eval("{$strLenBytes: '$e'}", ROOT)).isEqualTo(value("5"));
        assertThat(eval("{$strLenCP: '$e'}", ROOT)).isEqualTo(value("4"));
        assertThat(eval("{$strLenCP: ''}")).isEqualTo(value("0"));
        assertThat(eval("{$indexOfCP: ['$s', 'o']}", ROOT)).isEqualTo(value("4"));
        assertThat(eval("{$indexOfCP: ['$s', 'o', 5]}", ROOT)).isEqualTo(value("7"));
        assertThat(eval("{$indexOfCP: ['$s', 'o', 0, 4]}", ROOT)).isEqualTo(value("-1"));
        assertThat(eval("{$indexOfCP: ['$e', '\u00e9']}", ROOT)).isEqualTo(value("3"));
        assertThat(eval("{$indexOfBytes: ['$e', '\u00e9']}", ROOT)).isEqualTo(value("3"));
        assertThat(eval("{$indexOfCP: ['abc', '']}")).isEqualTo(value("0"));
        assertThat(eval("{$indexOfCP: [null, 'a']}")).isEqualTo(value("null"));
    }

    @Test
    void splitAndTrim() {
        assertThat(eval("{$split: ['a,b,,c,', ',']}")).isEqualTo(value("['a', 'b', '', 'c', '']"));
        assertThat(eval("{$split: ['abc', 'x']}")).isEqualTo(value("['abc']"));
        assertThat(eval("{$split: ['$missing', ',']}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$trim: {input: '  \\t hi \\n '}}")).isEqualTo(value("'hi'"));
        assertThat(eval("{$ltrim: {input: '  hi  '}}")).isEqualTo(value("'hi  '"));
        assertThat(eval("{$rtrim: {input: '  hi  '}}")).isEqualTo(value("'  hi'"));
        assertThat(eval("{$trim: {input: 'xxhixyx', chars: 'xy'}}")).isEqualTo(value("'hi'"));
        assertThat(eval("{$trim: {input: '$nul'}}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$trim: {input: 'a', chars: null}}")).isEqualTo(value("null"));
    }

    @Test
    void regexOperators() {
        assertThat(eval("{$regexMatch: {input: '$s', regex: 'world', options: 'i'}}", ROOT))
                .isEqualTo(value("true"));
        assertThat(eval("{$regexMatch: {input: '$s', regex: /world/}}", ROOT)).isEqualTo(value("false"));
        assertThat(eval("{$regexMatch: {input: '$missing', regex: 'a'}}", ROOT)).isEqualTo(value("false"));
        assertThat(eval("{$regexFind: {input: 'a1b22', regex: '([a-z])(\\\\d+)'}}"))
                .isEqualTo(value("{match: 'a1', idx: 0, captures: ['a', '1']}"));
        assertThat(eval("{$regexFind: {input: '\u00e9x9', regex: '\\\\d'}}"))
                .isEqualTo(value("{match: '9', idx: 2, captures: []}"));
        assertThat(eval("{$regexFind: {input: 'abc', regex: 'x(y)?'}}")).isEqualTo(value("null"));
        assertThat(eval("{$regexFind: {input: 'ab', regex: 'a(x)?'}}"))
                .isEqualTo(value("{match: 'a', idx: 0, captures: [null]}"));
        assertThat(eval("{$regexFindAll: {input: 'a1b22', regex: '\\\\d+'}}"))
                .isEqualTo(value("[{match: '1', idx: 1, captures: []}, {match: '22', idx: 3, captures: []}]"));
        assertThat(eval("{$regexFindAll: {input: null, regex: 'a'}}")).isEqualTo(value("[]"));
    }

    @Test
    void replaceOneAndAll() {
        assertThat(eval("{$replaceOne: {input: 'a-b-c', find: '-', replacement: '+'}}"))
                .isEqualTo(value("'a+b-c'"));
        assertThat(eval("{$replaceAll: {input: 'a-b-c', find: '-', replacement: '+'}}"))
                .isEqualTo(value("'a+b+c'"));
        assertThat(eval("{$replaceOne: {input: 'abc', find: 'x', replacement: 'y'}}"))
                .isEqualTo(value("'abc'"));
        assertThat(eval("{$replaceAll: {input: 'a.b', find: '.', replacement: {$literal: '$'}}}"))
                .isEqualTo(value("'a$b'"));
        assertThat(eval("{$replaceAll: {input: '$missing', find: 'a', replacement: 'b'}}", ROOT))
                .isEqualTo(value("null"));
        assertThat(eval("{$replaceOne: {input: 'a', find: null, replacement: 'b'}}"))
                .isEqualTo(value("null"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$concat: ['a', '$n']}          | 16702 | $concat only supports strings, not int
            {$toUpper: [[1]]}               | 16007 | can't convert from BSON type array to String
            {$substrBytes: ['$s', 'a', 1]}  | 16034 | $substrBytes:  starting index must be a numeric type (is BSON type string)
            {$substr: ['$s', 0, null]}      | 16035 | $substr:  length must be a numeric type (is BSON type null)
            {$substrBytes: ['$e', 4, 1]}    | 28656 | $substrBytes:  Invalid range, starting index is a UTF-8 continuation byte.
            {$substrBytes: ['$e', 0, 4]}    | 28657 | $substrBytes:  Invalid range, ending index is in the middle of a UTF-8 character.
            {$substrCP: ['$s', -1, 1]}      | 34455 | $substrCP: the starting index must be nonnegative integer.
            {$substrCP: ['$s', 1, -1]}      | 34454 | $substrCP: length must be a nonnegative integer.
            {$substrCP: ['$s', 1.5, 1]}     | 34451 | $substrCP: starting index cannot be represented as a 32-bit integral value: 1.5
            {$strLenBytes: '$missing'}      | 34473 | $strLenBytes requires a string argument, found: missing
            {$strLenCP: 5}                  | 34471 | $strLenCP requires a string argument, found: int
            {$split: [5, ',']}              | 40085 | $split requires an expression that evaluates to a string as a first argument, found: int
            {$split: ['a', 5]}              | 40086 | $split requires an expression that evaluates to a string as a second argument, found: int
            {$split: ['a', '']}             | 40087 | $split requires a non-empty separator
            {$indexOfCP: [5, 'a']}          | 40093 | $indexOfCP requires a string as the first argument, found: int
            {$indexOfCP: ['a', 5]}          | 40094 | $indexOfCP requires a string as the second argument, found: int
            {$indexOfCP: ['a', 'a', -1]}    | 40097 | $indexOfCP requires a nonnegative starting index, found: -1
            {$trim: {input: 5}}             | 50699 | $trim requires its input to be a string, got 5 (of type int) instead.
            {$regexMatch: {input: 5, regex: 'a'}} | 51104 | $regexMatch needs 'input' to be of type string
            {$regexFind: {input: 'a', regex: 5}}  | 51105 | $regexFind needs 'regex' to be of type string or regex
            {$regexMatch: {input: 'a', regex: 'a', options: 'q'}} | 51108 | $regexMatch invalid flag in regex options: q
            {$regexMatch: {input: 'a', regex: /a/i, options: 'm'}} | 51107 | $regexMatch: found regex option(s) specified in both 'regex' and 'option' fields
            {$replaceAll: {input: 5, find: 'a', replacement: 'b'}} | 51746 | $replaceAll requires that 'input' be a string, found: 5
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
            {$toUpper: ['a', 'b']}          | 16020 | Expression $toUpper takes exactly 1 arguments. 2 were passed in.
            {$substrCP: ['a', 1]}           | 16020 | Expression $substrCP takes exactly 3 arguments. 2 were passed in.
            {$indexOfCP: ['a']}             | 28667 | Expression $indexOfCP takes at least 2 arguments, and at most 4, but 1 were passed in.
            {$trim: 'a'}                    | 50696 | $trim only supports an object as an argument, found string
            {$trim: {input: 'a', x: 1}}     | 50694 | $trim found an unknown argument: x
            {$ltrim: {chars: 'a'}}          | 50695 | $ltrim requires an 'input' field
            {$regexMatch: {input: 'a'}}     | 31023 | $regexMatch requires 'regex' parameter
            {$regexFind: {regex: 'a'}}      | 31022 | $regexFind requires 'input' parameter
            {$replaceOne: {input: 'a', find: 'a'}} | 51747 | $replaceOne requires 'replacement' to be specified
            {$strLength: 'a'}               | 168   | Unrecognized expression '$strLength'
            """)
    void parseErrors(String expression, int code, String message) {
        assertParseError(expression, code, message);
    }
}
