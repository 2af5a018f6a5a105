package io.wrongodb.bson;

import java.math.BigDecimal;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * A BSON number (int32, int64, double or decimal128) as the exact value it stands for, so that numbers of different
 * types compare without rounding: a double is converted to the exact decimal its bits denote, never the other way.
 * Every finite value of the four types is a {@link BigDecimal}; what is left is NaN and the two infinities.
 *
 * <p>The value is stripped of trailing zeros, so equal numbers (1, 1L, 1.0, decimal 1.00) have equal fields; zero,
 * negative zero included, is {@link BigDecimal#ZERO}.
 */
final class ExactNumber implements Comparable<ExactNumber> {
    /** The kinds of number in MongoDB's order: NaN below every other number, then the line. */
    enum Kind {
        NAN,
        NEGATIVE_INFINITY,
        FINITE,
        POSITIVE_INFINITY
    }

    private static final long SIGN_BIT = Long.MIN_VALUE;

    final Kind kind;
    /** The exact value when {@link #kind} is FINITE, otherwise null. */
    final BigDecimal value;

    private ExactNumber(Kind kind, BigDecimal value) {
        this.kind = kind;
        this.value = value;
    }

    static ExactNumber of(BsonValue number) {
        return switch (number.getBsonType()) {
            case INT32 -> finite(BigDecimal.valueOf(number.asInt32().getValue()));
            case INT64 -> finite(BigDecimal.valueOf(number.asInt64().getValue()));
            case DOUBLE -> ofDouble(number.asDouble().getValue());
            case DECIMAL128 -> ofDecimal(number.asDecimal128().getValue());
            default -> throw new IllegalArgumentException("not a number: " + number);
        };
    }

    private static ExactNumber ofDouble(double d) {
        if (Double.isNaN(d)) {
            return new ExactNumber(Kind.NAN, null);
        }
        if (Double.isInfinite(d)) {
            return new ExactNumber(d > 0 ? Kind.POSITIVE_INFINITY : Kind.NEGATIVE_INFINITY, null);
        }
        // new BigDecimal(double) is exact: every finite double is a finite binary fraction.
        return finite(new BigDecimal(d));
    }

    private static ExactNumber ofDecimal(Decimal128 d) {
        if (d.isNaN()) {
            return new ExactNumber(Kind.NAN, null);
        }
        if (d.isInfinite()) {
            return new ExactNumber(d.isNegative() ? Kind.NEGATIVE_INFINITY : Kind.POSITIVE_INFINITY, null);
        }
        if (d.isNegative()) {
            // bigDecimalValue() refuses negative zero, which BigDecimal cannot hold; converting the magnitude
            // (sign bit cleared) and negating turns it into plain zero, its equal.
            Decimal128 magnitude = Decimal128.fromIEEE754BIDEncoding(d.getHigh() & ~SIGN_BIT, d.getLow());
            return finite(magnitude.bigDecimalValue().negate());
        }
        return finite(d.bigDecimalValue());
    }

    private static ExactNumber finite(BigDecimal value) {
        return new ExactNumber(Kind.FINITE, value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
    }

    @Override
    public int compareTo(ExactNumber other) {
        if (kind != other.kind) {
            return kind.compareTo(other.kind);
        }
        return kind == Kind.FINITE ? value.compareTo(other.value) : 0;
    }
}
