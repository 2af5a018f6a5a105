package io.wrongodb.query;

import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Arithmetic on BSON numbers with MongoDB's type rules: the result has the wider type of the two (int, long,
 * double, decimal, in that order), except that an int result that overflows becomes a long. A long that overflows
 * has no result: the methods return null and the caller reports the failure.
 */
public final class BsonArithmetic {
    private BsonArithmetic() {}

    public static boolean isNumber(BsonValue value) {
        return value.isInt32() || value.isInt64() || value.isDouble() || value.isDecimal128();
    }

    public static BsonValue add(BsonValue a, BsonValue b) {
        if (a.isDecimal128() || b.isDecimal128()) {
            return decimal(a, b, true);
        }
        if (a.isDouble() || b.isDouble()) {
            return new BsonDouble(a.asNumber().doubleValue() + b.asNumber().doubleValue());
        }
        long x = a.asNumber().longValue();
        long y = b.asNumber().longValue();
        if (a.isInt32() && b.isInt32()) {
            return integer(x + y);
        }
        try {
            return new BsonInt64(Math.addExact(x, y));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    static BsonValue multiply(BsonValue a, BsonValue b) {
        if (a.isDecimal128() || b.isDecimal128()) {
            return decimal(a, b, false);
        }
        if (a.isDouble() || b.isDouble()) {
            return new BsonDouble(a.asNumber().doubleValue() * b.asNumber().doubleValue());
        }
        long x = a.asNumber().longValue();
        long y = b.asNumber().longValue();
        if (a.isInt32() && b.isInt32()) {
            return integer(x * y);
        }
        try {
            return new BsonInt64(Math.multiplyExact(x, y));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static BsonValue integer(long value) {
        return value == (int) value ? new BsonInt32((int) value) : new BsonInt64(value);
    }

    private static BsonValue decimal(BsonValue a, BsonValue b, boolean add) {
        BigDecimal x = toBigDecimal(a);
        BigDecimal y = toBigDecimal(b);
        if (x == null || y == null) {
            return new BsonDecimal128(Decimal128.NaN);
        }
        BigDecimal result = add ? x.add(y, MathContext.DECIMAL128) : x.multiply(y, MathContext.DECIMAL128);
        return new BsonDecimal128(new Decimal128(result));
    }

    /** The exact value of a number, a double rounded to 15 digits as MongoDB converts one to decimal; null if not finite. */
    private static BigDecimal toBigDecimal(BsonValue value) {
        if (value.isDecimal128()) {
            Decimal128 d = value.asDecimal128().getValue();
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            try {
                return d.bigDecimalValue();
            } catch (ArithmeticException negativeZero) {
                return BigDecimal.ZERO;
            }
        }
        if (value.isDouble()) {
            double d = value.asDouble().getValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return new BigDecimal(d).round(new MathContext(15));
        }
        return BigDecimal.valueOf(value.asNumber().longValue());
    }

    /** True if both are the same type and value: an operator that produces such a value changes nothing. */
    static boolean identical(BsonValue a, BsonValue b) {
        return a.getBsonType() == b.getBsonType() && a.equals(b);
    }

    /** How MongoDB prints a number in arithmetic failures: {@code (NumberLong)9223372036854775807}. */
    static String debugText(BsonValue value) {
        String type =
                switch (value.getBsonType()) {
                    case INT32 -> "NumberInt";
                    case INT64 -> "NumberLong";
                    case DOUBLE -> "NumberDouble";
                    default -> "NumberDecimal";
                };
        return "(" + type + ")" + BsonText.value(value);
    }
}
