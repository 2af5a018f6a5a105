package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.bson.BsonDateTime;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $dateAdd} and {@code $dateSubtract: {startDate, unit, amount, timezone}}: units of a day or more move the
 * local calendar date in the timezone (a month from January 31 is the last day of February), smaller units move
 * the instant. Any null or missing argument gives null.
 */
final class DateArithmeticExpression extends Expression {
    private final String operator;
    private final Expression startDate;
    private final Expression unit;
    private final Expression amount;
    private final Expression timezone;

    DateArithmeticExpression(
            String operator, Expression startDate, Expression unit, Expression amount, Expression timezone) {
        this.operator = operator;
        this.startDate = startDate;
        this.unit = unit;
        this.amount = amount;
        this.timezone = timezone;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue start = startDate.evaluate(variables);
        BsonValue unitValue = unit.evaluate(variables);
        BsonValue amountValue = amount.evaluate(variables);
        if (isNullish(start) || isNullish(unitValue) || isNullish(amountValue)) {
            return BsonNull.VALUE;
        }
        TimeUnit timeUnit = TimeUnit.of(operator, unitValue);
        ZoneId zone = TimeZoneArgument.resolve(timezone, variables);
        if (zone == null) {
            return BsonNull.VALUE;
        }
        if (!start.isDateTime() && !start.isTimestamp() && !start.isObjectId()) {
            throw MongoServerException.location(5166403, operator + " requires startDate to be convertible to a date");
        }
        Long count = ValueOperatorExpression.wholeLong(amountValue);
        if (count == null) {
            throw MongoServerException.location(5166405, operator + " expects integer amount of time units");
        }
        long n = operator.equals("$dateSubtract") ? -count : count;
        ZonedDateTime t = Instant.ofEpochMilli(DatePartExpression.millis(start)).atZone(zone);
        try {
            ZonedDateTime result =
                    switch (timeUnit) {
                        case YEAR -> t.plusYears(n);
                        case QUARTER -> t.plusMonths(Math.multiplyExact(n, 3));
                        case MONTH -> t.plusMonths(n);
                        case WEEK -> t.plusWeeks(n);
                        case DAY -> t.plusDays(n);
                        case HOUR -> t.plusHours(n);
                        case MINUTE -> t.plusMinutes(n);
                        case SECOND -> t.plusSeconds(n);
                        case MILLISECOND -> t.plusNanos(Math.multiplyExact(n, 1_000_000L));
                    };
            return new BsonDateTime(result.toInstant().toEpochMilli());
        } catch (ArithmeticException | java.time.DateTimeException overflow) {
            throw MongoServerException.location(5166406, "dateAdd overflowed");
        }
    }
}
