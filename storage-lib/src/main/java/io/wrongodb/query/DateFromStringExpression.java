package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.time.ZoneId;
import org.bson.BsonDateTime;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $dateFromString: {dateString, format, timezone, onError, onNull}}: reads an ISO-8601 date (a date alone, a
 * date and time with optional fraction, with an optional offset or Z; without one the date is in
 * {@code timezone}). A {@code format} other than the ISO one is not supported. A null or missing string gives
 * onNull, else null; an unreadable one onError, else a ConversionFailure.
 */
final class DateFromStringExpression extends Expression {
    private final Expression dateString;
    private final Expression format;
    private final Expression timezone;
    private final Expression onError;
    private final Expression onNull;

    DateFromStringExpression(
            Expression dateString, Expression format, Expression timezone, Expression onError, Expression onNull) {
        this.dateString = dateString;
        this.format = format;
        this.timezone = timezone;
        this.onError = onError;
        this.onNull = onNull;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        if (format != null) {
            BsonValue value = format.evaluate(variables);
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
            if (!value.isString()) {
                throw MongoServerException.location(
                        40684,
                        "$dateFromString requires that 'format' be a string, found: " + typeName(value) + " with value "
                                + BsonText.of(value));
            }
            String pattern = value.asString().getValue();
            DateText.checkFormat(pattern);
            if (!pattern.equals(DateText.ISO_FORMAT)
                    && !pattern.equals("%Y-%m-%d")
                    && !pattern.equals("%Y-%m-%dT%H:%M:%S")) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "$dateFromString in WrongoDB reads ISO-8601 dates only, not the format '" + pattern + "'");
            }
        }
        ZoneId zone = TimeZoneArgument.resolve(timezone, variables);
        BsonValue value = dateString.evaluate(variables);
        if (isNullish(value)) {
            return onNull != null ? onNull.evaluate(variables) : BsonNull.VALUE;
        }
        if (zone == null) {
            return BsonNull.VALUE;
        }
        try {
            if (!value.isString()) {
                throw new MongoServerException(
                        ErrorCode.CONVERSION_FAILURE,
                        "$dateFromString requires that 'dateString' be a string, found: " + typeName(value)
                                + " with value " + BsonText.of(value));
            }
            return new BsonDateTime(DateText.parseIso(value.asString().getValue(), zone));
        } catch (MongoServerException e) {
            if (onError != null && e.errorCode() == ErrorCode.CONVERSION_FAILURE) {
                return onError.evaluate(variables);
            }
            throw e;
        }
    }
}
