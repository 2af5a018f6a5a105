package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.time.ZoneId;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code $dateToString: {date, format, timezone, onNull}}: a date as text, by default
 * {@code %Y-%m-%dT%H:%M:%S.%LZ} (and {@code %Y-%m-%dT%H:%M:%S.%L} when a timezone is given). A null or missing date
 * gives onNull, else null.
 */
final class DateToStringExpression extends Expression {
    private final Expression date;
    private final Expression format;
    private final Expression timezone;
    private final Expression onNull;

    DateToStringExpression(Expression date, Expression format, Expression timezone, Expression onNull) {
        this.date = date;
        this.format = format;
        this.timezone = timezone;
        this.onNull = onNull;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        String pattern = timezone == null ? DateText.ISO_FORMAT : "%Y-%m-%dT%H:%M:%S.%L";
        if (format != null) {
            BsonValue value = format.evaluate(variables);
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
            if (!value.isString()) {
                throw MongoServerException.location(
                        18533,
                        "$dateToString requires that 'format' be a string, found: " + typeName(value) + " with value "
                                + BsonText.of(value));
            }
            pattern = value.asString().getValue();
            DateText.checkFormat(pattern);
        }
        ZoneId zone = TimeZoneArgument.resolve(timezone, variables);
        if (zone == null) {
            return BsonNull.VALUE;
        }
        BsonValue value = date.evaluate(variables);
        if (isNullish(value)) {
            if (onNull == null) {
                return BsonNull.VALUE;
            }
            return onNull.evaluate(variables);
        }
        return new BsonString(DateText.format(DatePartExpression.millis(value), pattern, zone));
    }
}
