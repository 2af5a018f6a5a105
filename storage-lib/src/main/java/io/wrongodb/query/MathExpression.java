package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Rounding and powers: {@code $ceil $floor $round $trunc} (keeping the number's type), {@code $sqrt $exp $ln $log
 * $log10} (a double, or a decimal for a decimal argument) and {@code $pow} (an int or long when the exact result
 * fits). A null or missing argument gives null. {@code $round} rounds half to even.
 */
final class MathExpression extends ValueOperatorExpression {
    MathExpression(String operator, List<Expression> arguments) {
        super(operator, arguments);
    }

    @Override
    BsonValue apply(List<BsonValue> values) {
        for (BsonValue value : values) {
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
        }
        return switch (operator) {
            case "$ceil" -> roundToInteger(number(values.get(0)), RoundingMode.CEILING);
            case "$floor" -> roundToInteger(number(values.get(0)), RoundingMode.FLOOR);
            case "$round", "$trunc" -> round(values);
            case "$sqrt" -> {
                BsonValue x = number(values.get(0));
                if (compareToZero(x) < 0) {
                    throw MongoServerException.location(28714, "$sqrt's argument must be greater than or equal to 0");
                }
                if (x.isDecimal128() && isFinite(x)) {
                    yield decimal(ModTest.exact(x.asDecimal128().getValue()).sqrt(MathContext.DECIMAL128));
                }
                yield sameKind(x, Math.sqrt(toDouble(x)));
            }
            case "$exp" -> sameKind(number(values.get(0)), Math.exp(toDouble(number(values.get(0)))));
            case "$ln" -> sameKind(values.get(0), Math.log(positive(values.get(0), 28766)));
            case "$log10" -> sameKind(values.get(0), Math.log10(positive(values.get(0), 28761)));
            case "$log" -> log(values.get(0), values.get(1));
            default -> pow(values.get(0), values.get(1));
        };
    }

    private BsonValue number(BsonValue value) {
        if (!isNumber(value)) {
            throw MongoServerException.location(
                    28765, operator + " only supports numeric types, not " + typeName(value));
        }
        return value;
    }

    private double positive(BsonValue value, int code) {
        number(value);
        if (!(compareToZero(value) > 0)) {
            throw MongoServerException.location(
                    code, operator + "'s argument must be a positive number, but is " + BsonText.number(value));
        }
        return toDouble(value);
    }

    private static BsonValue log(BsonValue x, BsonValue base) {
        if (!isNumber(x)) {
            throw MongoServerException.location(28756, "$log's argument must be numeric, not " + typeName(x));
        }
        if (!isNumber(base)) {
            throw MongoServerException.location(28757, "$log's base must be numeric, not " + typeName(base));
        }
        if (!(compareToZero(x) > 0)) {
            throw MongoServerException.location(
                    28758, "$log's argument must be a positive number, but is " + BsonText.number(x));
        }
        if (!(compareToZero(base) > 0) || toDouble(base) == 1) {
            throw MongoServerException.location(
                    28759, "$log's base must be a positive number not equal to 1, but is " + BsonText.number(base));
        }
        double result = Math.log(toDouble(x)) / Math.log(toDouble(base));
        return x.isDecimal128() || base.isDecimal128()
                ? TypeConversion.decimalOfDouble(result)
                : new BsonDouble(result);
    }

    private static BsonValue pow(BsonValue base, BsonValue exponent) {
        if (!isNumber(base)) {
            throw MongoServerException.location(28762, "$pow's base must be numeric, not " + typeName(base));
        }
        if (!isNumber(exponent)) {
            throw MongoServerException.location(28763, "$pow's exponent must be numeric, not " + typeName(exponent));
        }
        if (compareToZero(base) == 0 && compareToZero(exponent) < 0) {
            throw MongoServerException.location(28764, "$pow cannot take a base of 0 and a negative exponent");
        }
        if (base.isDecimal128() || exponent.isDecimal128()) {
            Long whole = wholeLong(exponent);
            if (isFinite(base) && whole != null && whole >= 0 && whole <= 999_999_999) {
                BigDecimal b = toDecimal(base);
                return decimal(b.pow(whole.intValue(), MathContext.DECIMAL128));
            }
            return TypeConversion.decimalOfDouble(Math.pow(toDouble(base), toDouble(exponent)));
        }
        if (base.isDouble() || exponent.isDouble()) {
            return new BsonDouble(Math.pow(toDouble(base), toDouble(exponent)));
        }
        long b = base.asNumber().longValue();
        long e = exponent.asNumber().longValue();
        boolean bothInts = base.isInt32() && exponent.isInt32();
        if (e < 0) {
            if (b == 1 || b == -1) {
                long result = b == -1 && e % 2 != 0 ? -1 : 1;
                return bothInts ? new BsonInt32((int) result) : new BsonInt64(result);
            }
            return new BsonDouble(Math.pow(b, e));
        }
        try {
            long result = 1;
            for (long i = 0; i < e; i++) {
                result = Math.multiplyExact(result, b);
                if (result == 0 || result == 1 && b == 1) {
                    break;
                }
            }
            if (b == -1) {
                result = e % 2 == 0 ? 1 : -1;
            }
            if (bothInts && result == (int) result) {
                return new BsonInt32((int) result);
            }
            return new BsonInt64(result);
        } catch (ArithmeticException overflow) {
            return new BsonDouble(Math.pow(b, e));
        }
    }

    private BsonValue round(List<BsonValue> values) {
        BsonValue x = values.get(0);
        if (!isNumber(x)) {
            throw MongoServerException.location(51081, operator + " only supports numeric types, not " + typeName(x));
        }
        int place = 0;
        if (values.size() > 1) {
            BsonValue p = values.get(1);
            if (!isNumber(p) || wholeLong(p) == null) {
                throw MongoServerException.location(
                        51082, "precision argument to  " + operator + " must be a integral value");
            }
            Integer whole = wholeInt(p);
            if (whole == null || whole < -20 || whole > 100) {
                throw MongoServerException.location(
                        51083,
                        "cannot apply " + operator + " with precision value " + BsonText.number(p)
                                + " value must be in [-20, 100]");
            }
            place = whole;
        }
        RoundingMode mode = operator.equals("$round") ? RoundingMode.HALF_EVEN : RoundingMode.DOWN;
        if (!isFinite(x)) {
            return x;
        }
        switch (x.getBsonType()) {
            case INT32:
            case INT64: {
                if (place >= 0) {
                    return x;
                }
                long rounded = BigDecimal.valueOf(x.asNumber().longValue())
                        .setScale(place, mode)
                        .longValue();
                return x.isInt32() && rounded == (int) rounded ? new BsonInt32((int) rounded) : new BsonInt64(rounded);
            }
            case DOUBLE: {
                BigDecimal exact = new BigDecimal(x.asDouble().getValue()).round(MathContext.DECIMAL128);
                return new BsonDouble(exact.setScale(place, mode).doubleValue());
            }
            default: {
                BigDecimal exact = ModTest.exact(x.asDecimal128().getValue());
                return decimal(exact.setScale(place, mode));
            }
        }
    }

    private static BsonValue roundToInteger(BsonValue x, RoundingMode mode) {
        return switch (x.getBsonType()) {
            case INT32, INT64 -> x;
            case DOUBLE ->
                new BsonDouble(
                        mode == RoundingMode.CEILING
                                ? Math.ceil(x.asDouble().getValue())
                                : Math.floor(x.asDouble().getValue()));
            default ->
                isFinite(x) ? decimal(ModTest.exact(x.asDecimal128().getValue()).setScale(0, mode)) : x;
        };
    }

    /** A double result as a double, or as a decimal when the argument was one. */
    private static BsonValue sameKind(BsonValue argument, double result) {
        return argument.isDecimal128() ? TypeConversion.decimalOfDouble(result) : new BsonDouble(result);
    }

    private static int compareToZero(BsonValue number) {
        if (number.isDecimal128()) {
            Decimal128 d = number.asDecimal128().getValue();
            if (d.isNaN()) {
                return 1;
            }
            if (d.isInfinite()) {
                return d.isNegative() ? -1 : 1;
            }
            return ModTest.exact(d).signum();
        }
        double d = number.asNumber().doubleValue();
        return Double.isNaN(d) ? 1 : Double.compare(d, 0.0) == 0 || d == 0 ? 0 : d < 0 ? -1 : 1;
    }

    private static boolean isFinite(BsonValue number) {
        if (number.isDecimal128()) {
            Decimal128 d = number.asDecimal128().getValue();
            return !d.isNaN() && !d.isInfinite();
        }
        return !number.isDouble() || Double.isFinite(number.asDouble().getValue());
    }

    private static double toDouble(BsonValue number) {
        if (number.isDecimal128()) {
            return TypeConversion.convert(number, org.bson.BsonType.DOUBLE)
                    .asDouble()
                    .getValue();
        }
        return number.asNumber().doubleValue();
    }

    private static BigDecimal toDecimal(BsonValue number) {
        return number.isDecimal128()
                ? ModTest.exact(number.asDecimal128().getValue())
                : new BigDecimal(number.asNumber().doubleValue());
    }

    private static BsonValue decimal(BigDecimal value) {
        return new BsonDecimal128(new Decimal128(value.round(MathContext.DECIMAL128)));
    }
}
