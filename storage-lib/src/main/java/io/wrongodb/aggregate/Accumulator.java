package io.wrongodb.aggregate;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.BsonArithmetic;
import io.wrongodb.query.Expression;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * A {@code $group} accumulator: {@code $sum $avg $min $max $first $last $push $addToSet $count}. One instance per
 * group; {@link #add} takes each document's value of the expression, {@link #result} gives the field's value.
 */
final class Accumulator {
    private final String operator;
    private BsonValue sum = new BsonInt32(0);
    private long count;
    private BsonValue value;
    private boolean seen;
    private final List<BsonValue> values = new ArrayList<>();

    private Accumulator(String operator) {
        this.operator = operator;
    }

    static Accumulator of(String operator) {
        return switch (operator) {
            case "$sum", "$avg", "$min", "$max", "$first", "$last", "$push", "$addToSet", "$count" ->
                new Accumulator(operator);
            default -> throw MongoServerException.location(15952, "unknown group operator '" + operator + "'");
        };
    }

    /** Checks an accumulator's argument when the stage is parsed ({@code $count} takes only {@code {}}). */
    static Expression argument(String operator, BsonValue argument) {
        if (operator.equals("$count")) {
            if (!argument.isDocument() || !argument.asDocument().isEmpty()) {
                throw new MongoServerException(ErrorCode.TYPE_MISMATCH, "$count takes no arguments, i.e. $count:{}");
            }
            return Expression.parse(new BsonInt32(1));
        }
        return Expression.parse(argument);
    }

    void add(BsonValue v) {
        switch (operator) {
            case "$sum", "$avg", "$count" -> {
                if (v != null && BsonArithmetic.isNumber(v)) {
                    BsonValue next = BsonArithmetic.add(sum, v);
                    sum = next != null
                            ? next
                            : new BsonDouble(
                                    sum.asNumber().doubleValue() + v.asNumber().doubleValue());
                    count++;
                }
            }
            case "$min", "$max" -> {
                if (v != null && !v.isNull() && v.getBsonType() != org.bson.BsonType.UNDEFINED) {
                    int c = value == null ? 0 : BsonOrder.INSTANCE.compare(v, value);
                    if (value == null || (operator.equals("$min") ? c < 0 : c > 0)) {
                        value = v;
                    }
                }
            }
            case "$first" -> {
                if (!seen) {
                    value = v;
                    seen = true;
                }
            }
            case "$last" -> value = v;
            case "$push" -> {
                if (v != null) {
                    values.add(v);
                }
            }
            case "$addToSet" -> {
                if (v != null && values.stream().noneMatch(x -> BsonOrder.INSTANCE.compare(x, v) == 0)) {
                    values.add(v);
                }
            }
            default -> throw new IllegalStateException(operator);
        }
    }

    BsonValue result() {
        return switch (operator) {
            case "$sum", "$count" -> sum;
            case "$avg" -> count == 0 ? BsonNull.VALUE : avg();
            case "$min", "$max", "$first", "$last" -> value == null ? BsonNull.VALUE : value;
            default -> new BsonArray(values);
        };
    }

    private BsonValue avg() {
        if (sum.isDecimal128()) {
            return new org.bson.BsonDecimal128(new org.bson.types.Decimal128(sum.asDecimal128()
                    .getValue()
                    .bigDecimalValue()
                    .divide(java.math.BigDecimal.valueOf(count), java.math.MathContext.DECIMAL128)));
        }
        return new BsonDouble(sum.asNumber().doubleValue() / count);
    }
}
