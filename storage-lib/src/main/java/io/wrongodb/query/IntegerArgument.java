package io.wrongodb.query;

import java.math.BigDecimal;
import org.bson.BsonValue;

/**
 * Reads an operator's integer argument ({@code $size: 2}, a {@code $type} code) the way MongoDB does: any number
 * type with a whole value is accepted. A failure gives MongoDB's reason, such as
 * {@code Expected an integer: $size: 1.5}.
 */
final class IntegerArgument {
    /** Why the argument was refused; the caller adds its own prefix and code. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final double TWO_TO_63 = 0x1p63;

    private IntegerArgument() {}

    static long toLong(String name, BsonValue value) throws Refused {
        String shown = name + ": " + BsonText.of(value);
        switch (value.getBsonType()) {
            case INT32:
                return value.asInt32().getValue();
            case INT64:
                return value.asInt64().getValue();
            case DOUBLE: {
                double d = value.asDouble().getValue();
                if (Double.isNaN(d)) {
                    throw new Refused("Expected an integer, but found NaN in: " + shown);
                }
                if (d >= TWO_TO_63 || d < -TWO_TO_63) {
                    throw new Refused("Cannot represent as a 64-bit integer: " + shown);
                }
                if (d != Math.rint(d)) {
                    throw new Refused("Expected an integer: " + shown);
                }
                return (long) d;
            }
            case DECIMAL128: {
                var d = value.asDecimal128().getValue();
                try {
                    if (d.isNaN() || d.isInfinite()) {
                        throw new ArithmeticException();
                    }
                    BigDecimal exact = ModTest.exact(d);
                    return exact.longValueExact();
                } catch (ArithmeticException e) {
                    throw new Refused("Cannot represent as a 64-bit integer: " + shown);
                }
            }
            default:
                throw new Refused("Expected a number in: " + shown);
        }
    }

    static int toNonNegativeInt(String name, BsonValue value) throws Refused {
        long n = toLong(name, value);
        if (n < 0) {
            throw new Refused("Expected a positive number in: " + name + ": " + BsonText.of(value));
        }
        if (n > Integer.MAX_VALUE) {
            throw new Refused("Cannot represent " + name + ": " + BsonText.of(value) + " in an int");
        }
        return (int) n;
    }

    /**
     * A {@code $mod} argument: truncated toward zero, as MongoDB's coercion does; the reason for a NaN, an
     * infinity, or a value past the 64-bit range.
     */
    static long truncated(BsonValue value) throws Refused {
        switch (value.getBsonType()) {
            case INT32:
                return value.asInt32().getValue();
            case INT64:
                return value.asInt64().getValue();
            case DOUBLE: {
                double d = value.asDouble().getValue();
                if (!Double.isFinite(d)) {
                    throw new Refused("Unable to coerce NaN/Inf to integral type");
                }
                if (d >= TWO_TO_63 || d < -TWO_TO_63) {
                    throw new Refused("Out of bounds coercing to integral value");
                }
                return (long) d;
            }
            default: {
                var d = value.asDecimal128().getValue();
                if (d.isNaN() || d.isInfinite()) {
                    throw new Refused("Unable to coerce NaN/Inf to integral type");
                }
                Long n = ModTest.integerPart(value);
                if (n == null) {
                    throw new Refused("Out of bounds coercing to integral value");
                }
                return n;
            }
        }
    }
}
