package io.wrongodb.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * {@code $mod: [divisor, remainder]}: numbers whose integer part (truncated toward zero) leaves that remainder.
 * NaN, infinities and numbers past the 64-bit range never match.
 */
final class ModTest implements ValueTest {
    private final long divisor;
    private final long remainder;

    ModTest(long divisor, long remainder) {
        this.divisor = divisor;
        this.remainder = remainder;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            return false;
        }
        Long dividend = integerPart(value);
        return dividend != null && dividend % divisor == remainder;
    }

    /** A finite decimal's exact value; negative zero, which BigDecimal cannot hold, is zero. */
    static BigDecimal exact(Decimal128 d) {
        try {
            return d.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
            return BigDecimal.ZERO;
        }
    }

    /** The value truncated toward zero, or null if it is not a number or has no 64-bit integer part. */
    static Long integerPart(BsonValue value) {
        switch (value.getBsonType()) {
            case INT32:
                return (long) value.asInt32().getValue();
            case INT64:
                return value.asInt64().getValue();
            case DOUBLE: {
                double d = value.asDouble().getValue();
                if (!Double.isFinite(d) || d >= 0x1p63 || d < -0x1p63) {
                    return null;
                }
                return (long) d;
            }
            case DECIMAL128: {
                Decimal128 d = value.asDecimal128().getValue();
                if (d.isNaN() || d.isInfinite()) {
                    return null;
                }
                BigDecimal truncated = exact(d).setScale(0, RoundingMode.DOWN);
                try {
                    return truncated.longValueExact();
                } catch (ArithmeticException e) {
                    return null;
                }
            }
            default:
                return null;
        }
    }
}
