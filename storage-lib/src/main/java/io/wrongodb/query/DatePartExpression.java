package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * One part of a date: {@code $year $month $dayOfMonth $dayOfWeek $dayOfYear $hour $minute $second $millisecond
 * $week $isoWeek $isoWeekYear $isoDayOfWeek}, in UTC or the given {@code timezone}. A null or missing date gives
 * null; a timestamp or ObjectId counts as the date it holds.
 */
final class DatePartExpression extends Expression {
    private final String operator;
    private final Expression date;
    private final Expression timezone;

    DatePartExpression(String operator, Expression date, Expression timezone) {
        this.operator = operator;
        this.date = date;
        this.timezone = timezone;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue value = date.evaluate(variables);
        ZoneId zone = TimeZoneArgument.resolve(timezone, variables);
        if (isNullish(value) || zone == null) {
            return BsonNull.VALUE;
        }
        ZonedDateTime t = Instant.ofEpochMilli(millis(value)).atZone(zone);
        int part =
                switch (operator) {
                    case "$year" -> t.getYear();
                    case "$month" -> t.getMonthValue();
                    case "$dayOfMonth" -> t.getDayOfMonth();
                    case "$dayOfWeek" -> t.getDayOfWeek().getValue() % 7 + 1;
                    case "$dayOfYear" -> t.getDayOfYear();
                    case "$hour" -> t.getHour();
                    case "$minute" -> t.getMinute();
                    case "$second" -> t.getSecond();
                    case "$millisecond" -> t.get(ChronoField.MILLI_OF_SECOND);
                    case "$week" -> DateText.sundayWeek(t);
                    case "$isoWeek" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    case "$isoDayOfWeek" -> t.getDayOfWeek().getValue();
                    default -> t.get(IsoFields.WEEK_BASED_YEAR);
                };
        return operator.equals("$isoWeekYear") ? new BsonInt64(part) : new BsonInt32(part);
    }

    /** The milliseconds since the epoch of a date, timestamp or ObjectId; other values are refused. */
    static long millis(BsonValue value) {
        return switch (value.getBsonType()) {
            case DATE_TIME -> value.asDateTime().getValue();
            case TIMESTAMP -> value.asTimestamp().getTime() * 1000L;
            case OBJECT_ID -> value.asObjectId().getValue().getTimestamp() * 1000L;
            default ->
                throw MongoServerException.location(
                        16006, "can't convert from BSON type " + typeName(value) + " to Date");
        };
    }
}
