package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $dateDiff: {startDate, endDate, unit, timezone, startOfWeek}}: how many unit boundaries lie between two
 * dates in the timezone (from December 31 to January 1 is one year), as a long; weeks start on
 * {@code startOfWeek} (Sunday by default). Any null or missing argument gives null.
 */
final class DateDiffExpression extends Expression {
    private final Expression startDate;
    private final Expression endDate;
    private final Expression unit;
    private final Expression timezone;
    private final Expression startOfWeek;

    DateDiffExpression(
            Expression startDate, Expression endDate, Expression unit, Expression timezone, Expression startOfWeek) {
        this.startDate = startDate;
        this.endDate = endDate;
        this.unit = unit;
        this.timezone = timezone;
        this.startOfWeek = startOfWeek;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue start = startDate.evaluate(variables);
        BsonValue end = endDate.evaluate(variables);
        BsonValue unitValue = unit.evaluate(variables);
        if (isNullish(start) || isNullish(end) || isNullish(unitValue)) {
            return BsonNull.VALUE;
        }
        ZoneId zone = TimeZoneArgument.resolve(timezone, variables);
        if (zone == null) {
            return BsonNull.VALUE;
        }
        long from = millis(start, "startDate");
        long to = millis(end, "endDate");
        TimeUnit timeUnit = TimeUnit.of("$dateDiff", unitValue);
        DayOfWeek weekStart = DayOfWeek.SUNDAY;
        if (startOfWeek != null && timeUnit == TimeUnit.WEEK) {
            BsonValue day = startOfWeek.evaluate(variables);
            if (isNullish(day)) {
                return BsonNull.VALUE;
            }
            weekStart = dayOfWeek(day);
        }
        ZonedDateTime a = Instant.ofEpochMilli(from).atZone(zone);
        ZonedDateTime b = Instant.ofEpochMilli(to).atZone(zone);
        long difference =
                switch (timeUnit) {
                    case YEAR -> b.getYear() - a.getYear();
                    case QUARTER -> quarters(b) - quarters(a);
                    case MONTH -> (b.getYear() * 12L + b.getMonthValue()) - (a.getYear() * 12L + a.getMonthValue());
                    case WEEK ->
                        ChronoUnit.DAYS.between(
                                        weekStart(a.toLocalDate(), weekStart), weekStart(b.toLocalDate(), weekStart))
                                / 7;
                    case DAY -> ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate());
                    case HOUR -> boundaries(a, b, 3_600_000L);
                    case MINUTE -> boundaries(a, b, 60_000L);
                    case SECOND -> boundaries(a, b, 1000L);
                    case MILLISECOND -> to - from;
                };
        return new BsonInt64(difference);
    }

    private static long millis(BsonValue value, String name) {
        if (!value.isDateTime() && !value.isTimestamp() && !value.isObjectId()) {
            throw MongoServerException.location(
                    5166307, "$dateDiff requires '" + name + "' to be a date, but got " + typeName(value));
        }
        return DatePartExpression.millis(value);
    }

    private static long quarters(ZonedDateTime t) {
        return t.getYear() * 4L + (t.getMonthValue() - 1) / 3;
    }

    private static LocalDate weekStart(LocalDate date, DayOfWeek first) {
        int back = (date.getDayOfWeek().getValue() - first.getValue() + 7) % 7;
        return date.minusDays(back);
    }

    /** The difference of the local times counted in whole units, so that 10:59 to 11:00 is one hour. */
    private static long boundaries(ZonedDateTime a, ZonedDateTime b, long unitMillis) {
        long localA = a.toInstant().toEpochMilli() + a.getOffset().getTotalSeconds() * 1000L;
        long localB = b.toInstant().toEpochMilli() + b.getOffset().getTotalSeconds() * 1000L;
        return Math.floorDiv(localB, unitMillis) - Math.floorDiv(localA, unitMillis);
    }

    private static DayOfWeek dayOfWeek(BsonValue day) {
        if (day.isString()) {
            String name = day.asString().getValue().toLowerCase(Locale.ROOT);
            for (DayOfWeek candidate : DayOfWeek.values()) {
                String full = candidate.name().toLowerCase(Locale.ROOT);
                if (name.equals(full) || name.equals(full.substring(0, 3))) {
                    return candidate;
                }
            }
            throw MongoServerException.location(
                    5439016,
                    "$dateDiff parameter 'startOfWeek' value cannot be recognized as a day of a week: "
                            + day.asString().getValue());
        }
        throw MongoServerException.location(
                5439015, "$dateDiff requires 'startOfWeek' to be a string, but got " + typeName(day));
    }
}
