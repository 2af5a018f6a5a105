package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * {@code $add $subtract $multiply $divide $mod $abs}, with MongoDB's number rules: the result has the widest type
 * of the arguments (int, long, double, decimal), an int result that overflows becomes a long and a long one a
 * double; {@code $divide} gives a double (or a decimal). A null or missing argument gives null. {@code $add} and
 * {@code $subtract} also do date arithmetic in milliseconds.
 */
final class ArithmeticExpression extends Expression {
    private static final MathContext DECIMAL = MathContext.DECIMAL128;

    private final String operator;
    private final List<Expression> arguments;

    ArithmeticExpression(String operator, List<Expression> arguments) {
        this.operator = operator;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        List<BsonValue> values = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            values.add(argument.evaluate(variables));
        }
        return switch (operator) {
            case "$add" -> add(values);
            case "$multiply" -> multiply(values);
            case "$subtract" -> subtract(values.get(0), values.get(1));
            case "$divide" -> divide(values.get(0), values.get(1));
            case "$mod" -> mod(values.get(0), values.get(1));
            default -> abs(values.get(0));
        };
    }

    private static boolean isNumber(BsonValue value) {
        return value != null && FilterParser.isNumber(value);
    }

    /** 0 int, 1 long, 2 double, 3 decimal: the widest wins. */
    private static int width(BsonValue number) {
        return switch (number.getBsonType()) {
            case INT32 -> 0;
            case INT64 -> 1;
            case DOUBLE -> 2;
            default -> 3;
        };
    }

    static BsonValue add(List<BsonValue> values) {
        List<BsonValue> numbers = new ArrayList<>();
        Long dateMillis = null;
        for (BsonValue value : values) {
            if (isNumber(value)) {
                numbers.add(value);
            } else if (value != null && value.isDateTime()) {
                if (dateMillis != null) {
                    throw MongoServerException.location(16612, "only one date allowed in an $add expression");
                }
                dateMillis = value.asDateTime().getValue();
            } else if (isNullish(value)) {
                return BsonNull.VALUE;
            } else {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH, "$add only supports numeric or date types, not " + typeName(value));
            }
        }
        BsonValue sum = combine(numbers, true);
        if (dateMillis == null) {
            return sum;
        }
        return new BsonDateTime(dateMillis + toMillis(sum));
    }

    private static long toMillis(BsonValue number) {
        return switch (number.getBsonType()) {
            case INT32 -> number.asInt32().getValue();
            case INT64 -> number.asInt64().getValue();
            case DOUBLE -> Math.round(number.asDouble().getValue());
            default ->
                ModTest.exact(number.asDecimal128().getValue())
                        .setScale(0, java.math.RoundingMode.HALF_EVEN)
                        .longValue();
        };
    }

    static BsonValue multiply(List<BsonValue> values) {
        for (BsonValue value : values) {
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
            if (!isNumber(value)) {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH, "$multiply only supports numeric types, not " + typeName(value));
            }
        }
        return combine(values, false);
    }

    /** The sum ({@code add}) or product of numbers, in the widest of their types. */
    private static BsonValue combine(List<BsonValue> numbers, boolean add) {
        int width = 0;
        for (BsonValue number : numbers) {
            width = Math.max(width, width(number));
        }
        if (width == 3) {
            BigDecimal result = add ? BigDecimal.ZERO : BigDecimal.ONE;
            double shadow = add ? 0 : 1;
            boolean finite = true;
            for (BsonValue number : numbers) {
                double d = toDouble(number);
                shadow = add ? shadow + d : shadow * d;
                if (!isFinite(number)) {
                    finite = false;
                    continue;
                }
                BigDecimal exact = toDecimal(number);
                result = add ? result.add(exact, DECIMAL) : result.multiply(exact, DECIMAL);
            }
            return finite ? decimal(result) : decimalOf(shadow);
        }
        if (width == 2) {
            double result = add ? 0 : 1;
            for (BsonValue number : numbers) {
                result = add ? result + toDouble(number) : result * toDouble(number);
            }
            return new BsonDouble(result);
        }
        long result = add ? 0 : 1;
        try {
            for (BsonValue number : numbers) {
                long n = number.asNumber().longValue();
                result = add ? Math.addExact(result, n) : Math.multiplyExact(result, n);
            }
        } catch (ArithmeticException overflow) {
            double d = add ? 0 : 1;
            for (BsonValue number : numbers) {
                d = add ? d + toDouble(number) : d * toDouble(number);
            }
            return new BsonDouble(d);
        }
        return integer(result, width == 1);
    }

    private static BsonValue integer(long value, boolean isLong) {
        return !isLong && value == (int) value ? new BsonInt32((int) value) : new BsonInt64(value);
    }

    static BsonValue subtract(BsonValue left, BsonValue right) {
        if (isNumber(left) && isNumber(right)) {
            int width = Math.max(width(left), width(right));
            switch (width) {
                case 3:
                    if (!isFinite(left) || !isFinite(right)) {
                        return decimalOf(toDouble(left) - toDouble(right));
                    }
                    return decimal(toDecimal(left).subtract(toDecimal(right), DECIMAL));
                case 2:
                    return new BsonDouble(toDouble(left) - toDouble(right));
                default:
                    try {
                        return integer(
                                Math.subtractExact(
                                        left.asNumber().longValue(),
                                        right.asNumber().longValue()),
                                width == 1);
                    } catch (ArithmeticException overflow) {
                        return new BsonDouble(toDouble(left) - toDouble(right));
                    }
            }
        }
        if (isNullish(left) || isNullish(right)) {
            return BsonNull.VALUE;
        }
        if (left.isDateTime()) {
            long millis = left.asDateTime().getValue();
            if (right.isDateTime()) {
                return new BsonInt64(millis - right.asDateTime().getValue());
            }
            if (isNumber(right)) {
                return new BsonDateTime(millis - toMillis(right));
            }
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH, "can't $subtract " + typeName(right) + " from Date");
        }
        throw new MongoServerException(
                ErrorCode.TYPE_MISMATCH, "can't $subtract " + typeName(right) + " from " + typeName(left));
    }

    static BsonValue divide(BsonValue left, BsonValue right) {
        if (isNumber(left) && isNumber(right)) {
            if (left.isDecimal128() || right.isDecimal128()) {
                if (isFinite(right) && toDecimal(right).signum() == 0) {
                    throw MongoServerException.location(16608, "can't $divide by zero");
                }
                if (!isFinite(left) || !isFinite(right)) {
                    return decimalOf(toDouble(left) / toDouble(right));
                }
                return decimal(toDecimal(left).divide(toDecimal(right), DECIMAL));
            }
            double denominator = toDouble(right);
            if (denominator == 0) {
                throw MongoServerException.location(16608, "can't $divide by zero");
            }
            return new BsonDouble(toDouble(left) / denominator);
        }
        if (isNullish(left) || isNullish(right)) {
            return BsonNull.VALUE;
        }
        throw MongoServerException.location(
                16609, "$divide only supports numeric types, not " + typeName(left) + " and " + typeName(right));
    }

    static BsonValue mod(BsonValue left, BsonValue right) {
        if (isNumber(left) && isNumber(right)) {
            int width = Math.max(width(left), width(right));
            if (width == 3) {
                if (isFinite(right) && toDecimal(right).signum() == 0) {
                    throw MongoServerException.location(16610, "can't $mod by zero");
                }
                if (!isFinite(left) || !isFinite(right)) {
                    return decimalOf(toDouble(left) % toDouble(right));
                }
                return decimal(toDecimal(left).remainder(toDecimal(right), DECIMAL));
            }
            if (width == 2) {
                double divisor = toDouble(right);
                if (divisor == 0) {
                    throw MongoServerException.location(16610, "can't $mod by zero");
                }
                return new BsonDouble(toDouble(left) % divisor);
            }
            long divisor = right.asNumber().longValue();
            if (divisor == 0) {
                throw MongoServerException.location(16610, "can't $mod by zero");
            }
            long result = left.asNumber().longValue() % divisor;
            return width == 1 ? new BsonInt64(result) : new BsonInt32((int) result);
        }
        if (isNullish(left) || isNullish(right)) {
            return BsonNull.VALUE;
        }
        throw MongoServerException.location(
                16611, "$mod only supports numeric types, not " + typeName(left) + " and " + typeName(right));
    }

    static BsonValue abs(BsonValue value) {
        if (isNullish(value)) {
            return BsonNull.VALUE;
        }
        if (!isNumber(value)) {
            throw MongoServerException.location(28765, "$abs only supports numeric types, not " + typeName(value));
        }
        return switch (value.getBsonType()) {
            case INT32 -> {
                int n = value.asInt32().getValue();
                yield n == Integer.MIN_VALUE ? new BsonInt64(-(long) n) : new BsonInt32(Math.abs(n));
            }
            case INT64 -> {
                long n = value.asInt64().getValue();
                if (n == Long.MIN_VALUE) {
                    throw MongoServerException.location(28680, "can't take $abs of long long min");
                }
                yield new BsonInt64(Math.abs(n));
            }
            case DOUBLE -> new BsonDouble(Math.abs(value.asDouble().getValue()));
            default -> {
                Decimal128 d = value.asDecimal128().getValue();
                yield !isFinite(value)
                        ? decimalOf(Math.abs(toDouble(value)))
                        : decimal(ModTest.exact(d).abs());
            }
        };
    }

    private static boolean isFinite(BsonValue number) {
        if (number.getBsonType() == BsonType.DECIMAL128) {
            Decimal128 d = number.asDecimal128().getValue();
            return !d.isNaN() && !d.isInfinite();
        }
        return number.getBsonType() != BsonType.DOUBLE
                || Double.isFinite(number.asDouble().getValue());
    }

    private static double toDouble(BsonValue number) {
        if (number.isDecimal128()) {
            Decimal128 d = number.asDecimal128().getValue();
            if (d.isNaN()) {
                return Double.NaN;
            }
            if (d.isInfinite()) {
                return d.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return ModTest.exact(d).doubleValue();
        }
        return number.asNumber().doubleValue();
    }

    /** A finite number as a decimal; a double keeps 15 significant digits, as MongoDB converts it. */
    private static BigDecimal toDecimal(BsonValue number) {
        return switch (number.getBsonType()) {
            case INT32, INT64 -> BigDecimal.valueOf(number.asNumber().longValue());
            case DOUBLE -> new BigDecimal(number.asDouble().getValue(), new MathContext(15));
            default -> ModTest.exact(number.asDecimal128().getValue());
        };
    }

    private static BsonValue decimal(BigDecimal value) {
        return new BsonDecimal128(new Decimal128(value.round(DECIMAL)));
    }

    private static BsonValue decimalOf(double special) {
        if (Double.isNaN(special)) {
            return new BsonDecimal128(Decimal128.NaN);
        }
        if (Double.isInfinite(special)) {
            return new BsonDecimal128(special > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
        return decimal(new BigDecimal(special, new MathContext(15)));
    }
}
