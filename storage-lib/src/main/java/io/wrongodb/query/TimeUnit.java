package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Locale;
import org.bson.BsonValue;

/** The time units of {@code $dateAdd}, {@code $dateSubtract} and {@code $dateDiff}. */
enum TimeUnit {
    YEAR,
    QUARTER,
    MONTH,
    WEEK,
    DAY,
    HOUR,
    MINUTE,
    SECOND,
    MILLISECOND;

    /** The unit a {@code unit} argument names; refuses a non-string or an unknown name. */
    static TimeUnit of(String operator, BsonValue unit) {
        if (!unit.isString()) {
            throw MongoServerException.location(
                    5439013, operator + " requires 'unit' to be a string, but got " + Expression.typeName(unit));
        }
        String name = unit.asString().getValue();
        for (TimeUnit candidate : values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(name)) {
                return candidate;
            }
        }
        throw new MongoServerException(
                ErrorCode.FAILED_TO_PARSE,
                operator + " parameter 'unit' value parsing failed :: caused by :: unknown time unit value: " + name);
    }
}
