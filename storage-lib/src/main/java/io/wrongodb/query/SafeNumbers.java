package io.wrongodb.query;

import java.math.BigDecimal;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * MongoDB's lenient conversions of a numeric argument to an int or a long: fractions are cut off, values out of range
 * are clamped, NaN becomes 0.
 */
final class SafeNumbers {
    private SafeNumbers() {}

    static boolean isNumber(BsonValue value) {
        return value.isInt32() || value.isInt64() || value.isDouble() || value.isDecimal128();
    }

    static int toInt(BsonValue value) {
        long n = toLong(value);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    static long toLong(BsonValue value) {
        if (value.isInt32()) {
            return value.asInt32().getValue();
        }
        if (value.isInt64()) {
            return value.asInt64().getValue();
        }
        if (value.isDouble()) {
            double d = value.asDouble().getValue();
            // The cast already clamps to the long range and truncates; NaN becomes 0.
            return Double.isNaN(d) ? 0 : (long) d;
        }
        if (value.isDecimal128()) {
            var decimal = value.asDecimal128().getValue();
            if (decimal.isNaN()) {
                return 0;
            }
            if (decimal.isInfinite()) {
                return decimal.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            BigDecimal exact = exactValue(decimal);
            if (exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
                return Long.MAX_VALUE;
            }
            if (exact.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
                return Long.MIN_VALUE;
            }
            return exact.longValue();
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    private static BigDecimal exactValue(Decimal128 decimal) {
        try {
            return decimal.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
            return BigDecimal.ZERO;
        }
    }

    /** MongoDB's truthiness of a number or boolean in a projection: nonzero (NaN included) is true. */
    static boolean isTrue(BsonValue value) {
        if (value.isBoolean()) {
            return value.asBoolean().getValue();
        }
        if (value.isDouble()) {
            return value.asDouble().getValue() != 0;
        }
        if (value.isDecimal128()) {
            var decimal = value.asDecimal128().getValue();
            return decimal.isNaN()
                    || decimal.isInfinite()
                    || exactValue(decimal).signum() != 0;
        }
        return toLong(value) != 0;
    }
}
