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

/** Date parts, {@code $dateToString}, {@code $dateFromString}, {@code $dateAdd/$dateSubtract} and {@code $dateDiff}. */
class DateExpressionTest {
    // A Friday; ISO week 1 of 2016 starts on Monday January 4, so January 1 is in week 53 of 2015.
    static final BsonDocument ROOT = BsonDocument.parse("{d: ISODate('2016-01-01T13:04:05.006Z'),"
            + " m: ISODate('2014-02-03T08:09:10.123Z'), ts: Timestamp(1451653445, 1), nul: null, s: 'x'}");

    @Test
    void partsInUtc() {
        assertThat(eval("{$year: '$d'}", ROOT)).isEqualTo(value("2016"));
        assertThat(eval("{$month: '$m'}", ROOT)).isEqualTo(value("2"));
        assertThat(eval("{$dayOfMonth: '$m'}", ROOT)).isEqualTo(value("3"));
        assertThat(eval("{$dayOfWeek: '$d'}", ROOT)).isEqualTo(value("6"));
        assertThat(eval("{$dayOfYear: '$m'}", ROOT)).isEqualTo(value("34"));
        assertThat(eval("{$hour: '$d'}", ROOT)).isEqualTo(value("13"));
        assertThat(eval("{$minute: '$d'}", ROOT)).isEqualTo(value("4"));
        assertThat(eval("{$second: '$d'}", ROOT)).isEqualTo(value("5"));
        assertThat(eval("{$millisecond: '$d'}", ROOT)).isEqualTo(value("6"));
        assertThat(eval("{$week: '$d'}", ROOT)).isEqualTo(value("0"));
        assertThat(eval("{$week: '$m'}", ROOT)).isEqualTo(value("5"));
        assertThat(eval("{$isoWeek: '$d'}", ROOT)).isEqualTo(value("53"));
        assertThat(eval("{$isoWeekYear: '$d'}", ROOT)).isEqualTo(value("NumberLong(2015)"));
        assertThat(eval("{$isoDayOfWeek: '$d'}", ROOT)).isEqualTo(value("5"));
        assertThat(eval("{$year: ['$d']}", ROOT)).isEqualTo(value("2016"));
        assertThat(eval("{$year: {date: '$d'}}", ROOT)).isEqualTo(value("2016"));
        assertThat(eval("{$hour: '$ts'}", ROOT)).isEqualTo(value("13"));
        assertThat(eval("{$year: ObjectId('5ab9cbfa31c2ab715d42129e')}")).isEqualTo(value("2018"));
        assertThat(eval("{$year: '$missing'}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$month: '$nul'}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$year: ISODate('1969-12-31T23:59:59.999Z')}")).isEqualTo(value("1969"));
        assertThat(eval("{$millisecond: ISODate('1969-12-31T23:59:59.999Z')}")).isEqualTo(value("999"));
    }

    @Test
    void partsInOtherTimezones() {
        assertThat(eval("{$hour: {date: '$d', timezone: 'UTC'}}", ROOT)).isEqualTo(value("13"));
        assertThat(eval("{$hour: {date: '$d', timezone: '+05:30'}}", ROOT)).isEqualTo(value("18"));
        assertThat(eval("{$minute: {date: '$d', timezone: '+0530'}}", ROOT)).isEqualTo(value("34"));
        assertThat(eval("{$hour: {date: '$d', timezone: '-02'}}", ROOT)).isEqualTo(value("11"));
        assertThat(eval("{$hour: {date: '$d', timezone: 'America/New_York'}}", ROOT))
                .isEqualTo(value("8"));
        assertThat(eval("{$year: {date: ISODate('2016-01-01T02:00:00Z'), timezone: 'America/New_York'}}"))
                .isEqualTo(value("2015"));
        assertThat(eval("{$hour: {date: '$d', timezone: null}}", ROOT)).isEqualTo(value("null"));
    }

    @Test
    void dateToString() {
        assertThat(eval("{$dateToString: {date: '$m'}}", ROOT)).isEqualTo(value("'2014-02-03T08:09:10.123Z'"));
        assertThat(eval("{$dateToString: {date: '$m', format: '%Y/%m/%d %H:%M:%S.%L %%'}}", ROOT))
                .isEqualTo(value("'2014/02/03 08:09:10.123 %'"));
        assertThat(eval("{$dateToString: {date: '$d', format: '%j %w %u %U %G-W%V'}}", ROOT))
                .isEqualTo(value("'001 6 5 00 2015-W53'"));
        assertThat(eval("{$dateToString: {date: '$d', format: '%H:%M %z %Z', timezone: '+05:30'}}", ROOT))
                .isEqualTo(value("'18:34 +0530 330'"));
        assertThat(eval("{$dateToString: {date: '$d', format: '%z %Z'}}", ROOT)).isEqualTo(value("'+0000 0'"));
        assertThat(eval("{$dateToString: {date: '$d', timezone: 'America/New_York'}}", ROOT))
                .isEqualTo(value("'2016-01-01T08:04:05.006'"));
        assertThat(eval("{$dateToString: {date: '$missing'}}", ROOT)).isEqualTo(value("null"));
        assertThat(eval("{$dateToString: {date: '$nul', onNull: 'none'}}", ROOT))
                .isEqualTo(value("'none'"));
        assertThat(eval("{$dateToString: {date: '$d', format: null}}", ROOT)).isEqualTo(value("null"));
    }

    @Test
    void dateFromString() {
        assertThat(eval("{$dateFromString: {dateString: '2017-02-08T12:10:40.787Z'}}"))
                .isEqualTo(value("ISODate('2017-02-08T12:10:40.787Z')"));
        assertThat(eval("{$dateFromString: {dateString: '2017-02-08'}}"))
                .isEqualTo(value("ISODate('2017-02-08T00:00:00Z')"));
        assertThat(eval("{$dateFromString: {dateString: '2017-02-08T12:10:40', timezone: '+01:00'}}"))
                .isEqualTo(value("ISODate('2017-02-08T11:10:40Z')"));
        assertThat(eval("{$dateFromString: {dateString: '2017-02-08 12:10:40-0300'}}"))
                .isEqualTo(value("ISODate('2017-02-08T15:10:40Z')"));
        assertThat(eval("{$dateFromString: {dateString: 'nope', onError: 'bad'}}"))
                .isEqualTo(value("'bad'"));
        assertThat(eval("{$dateFromString: {dateString: 5, onError: 'bad'}}")).isEqualTo(value("'bad'"));
        assertThat(eval("{$dateFromString: {dateString: '$missing', onNull: 0}}", ROOT))
                .isEqualTo(value("0"));
        assertThat(eval("{$dateFromString: {dateString: null}}")).isEqualTo(value("null"));
    }

    @Test
    void dateArithmetic() {
        assertThat(eval("{$dateAdd: {startDate: '$m', unit: 'day', amount: 30}}", ROOT))
                .isEqualTo(value("ISODate('2014-03-05T08:09:10.123Z')"));
        assertThat(eval("{$dateAdd: {startDate: ISODate('2020-01-31T00:00:00Z'), unit: 'month', amount: 1}}"))
                .isEqualTo(value("ISODate('2020-02-29T00:00:00Z')"));
        assertThat(eval("{$dateAdd: {startDate: ISODate('2020-01-31T00:00:00Z'), unit: 'quarter', amount: 1}}"))
                .isEqualTo(value("ISODate('2020-04-30T00:00:00Z')"));
        assertThat(eval("{$dateAdd: {startDate: '$m', unit: 'millisecond', amount: 877}}", ROOT))
                .isEqualTo(value("ISODate('2014-02-03T08:09:11Z')"));
        assertThat(eval("{$dateSubtract: {startDate: '$m', unit: 'hour', amount: 9}}", ROOT))
                .isEqualTo(value("ISODate('2014-02-02T23:09:10.123Z')"));
        assertThat(eval("{$dateSubtract: {startDate: '$m', unit: 'year', amount: 2.0}}", ROOT))
                .isEqualTo(value("ISODate('2012-02-03T08:09:10.123Z')"));
        assertThat(eval("{$dateAdd: {startDate: '$missing', unit: 'day', amount: 1}}", ROOT))
                .isEqualTo(value("null"));
        assertThat(eval("{$dateAdd: {startDate: '$m', unit: 'day', amount: null}}", ROOT))
                .isEqualTo(value("null"));
    }

    @Test
    void dateDiffCountsBoundaries() {
        String span = "startDate: ISODate('2020-12-31T23:59:59Z'), endDate: ISODate('2021-01-01T00:00:01Z')";
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'year'}}")).isEqualTo(value("NumberLong(1)"));
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'quarter'}}")).isEqualTo(value("NumberLong(1)"));
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'month'}}")).isEqualTo(value("NumberLong(1)"));
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'day'}}")).isEqualTo(value("NumberLong(1)"));
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'hour'}}")).isEqualTo(value("NumberLong(1)"));
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'second'}}")).isEqualTo(value("NumberLong(2)"));
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'millisecond'}}")).isEqualTo(value("NumberLong(2000)"));
        // Thursday December 31 to Friday January 1: the same Sunday-based week.
        assertThat(eval("{$dateDiff: {" + span + ", unit: 'week'}}")).isEqualTo(value("NumberLong(0)"));
        assertThat(eval("{$dateDiff: {startDate: ISODate('2021-01-02T00:00:00Z'),"
                        + " endDate: ISODate('2021-01-03T00:00:00Z'), unit: 'week'}}"))
                .isEqualTo(value("NumberLong(1)"));
        assertThat(eval("{$dateDiff: {startDate: ISODate('2021-01-02T00:00:00Z'),"
                        + " endDate: ISODate('2021-01-03T00:00:00Z'), unit: 'week', startOfWeek: 'mon'}}"))
                .isEqualTo(value("NumberLong(0)"));
        assertThat(eval("{$dateDiff: {startDate: ISODate('2021-03-01T00:00:00Z'),"
                        + " endDate: ISODate('2021-01-01T00:00:00Z'), unit: 'month'}}"))
                .isEqualTo(value("NumberLong(-2)"));
        assertThat(eval("{$dateDiff: {startDate: '$missing', endDate: '$d', unit: 'day'}}", ROOT))
                .isEqualTo(value("null"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {$year: '$s'}                                        | 16006 | can't convert from BSON type string to Date
            {$hour: {date: '$d', timezone: 5}}                   | 40517 | timezone must evaluate to a string, found int
            {$hour: {date: '$d', timezone: 'Mars/Olympus'}}      | 40485 | unrecognized time zone identifier: "Mars/Olympus"
            {$dateToString: {date: '$d', format: '%Q'}}          | 18536 | Invalid format character '%Q' in format string
            {$dateToString: {date: '$d', format: 'abc%'}}        | 18535 | Unmatched '%' at end of format string
            {$dateToString: {date: '$d', format: 5}}             | 18533 | $dateToString requires that 'format' be a string, found: int with value 5
            {$dateToString: {date: '$s'}}                        | 16006 | can't convert from BSON type string to Date
            {$dateFromString: {dateString: 'nope'}}              | 241   | Error parsing date string 'nope'; the string is not an ISO-8601 date WrongoDB can read
            {$dateAdd: {startDate: '$s', unit: 'day', amount: 1}} | 5166403 | $dateAdd requires startDate to be convertible to a date
            {$dateAdd: {startDate: '$d', unit: 'day', amount: 1.5}} | 5166405 | $dateAdd expects integer amount of time units
            {$dateAdd: {startDate: '$d', unit: 'days', amount: 1}} | 9 | $dateAdd parameter 'unit' value parsing failed :: caused by :: unknown time unit value: days
            {$dateDiff: {startDate: '$s', endDate: '$d', unit: 'day'}} | 5166307 | $dateDiff requires 'startDate' to be a date, but got string
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
            {$year: [1, 2]}                      | 40536 | $year accepts exactly one argument if given an array, but was given 2
            {$year: {timezone: 'UTC'}}           | 40539 | missing 'date' argument to $year, provided: { timezone: "UTC" }
            {$month: {date: 1, tz: 'UTC'}}       | 40535 | unrecognized option to $month: "tz"
            {$dateToString: 1}                   | 18629 | $dateToString only supports an object as its argument
            {$dateToString: {format: '%Y'}}      | 18628 | Missing 'date' parameter to $dateToString
            {$dateToString: {date: 1, x: 1}}     | 18534 | Unrecognized argument to $dateToString: x
            {$dateFromString: {format: '%Y'}}    | 40542 | Missing 'dateString' parameter to $dateFromString
            {$dateAdd: {startDate: 1, unit: 'day'}} | 5166402 | $dateAdd requires startDate, unit, and amount to be present
            {$dateDiff: {startDate: 1, endDate: 1}} | 5166305 | Missing 'unit' parameter to $dateDiff
            """)
    void parseErrors(String expression, int code, String message) {
        assertParseError(expression, code, message);
    }
}
