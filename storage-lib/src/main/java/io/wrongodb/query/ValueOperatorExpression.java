package io.wrongodb.query;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonValue;

/**
 * An operator whose result depends only on the values of its arguments, all of which it evaluates first: the
 * string, array, set, object and math families extend it and implement {@link #apply}.
 */
abstract class ValueOperatorExpression extends Expression {
    final String operator;
    private final List<Expression> arguments;

    ValueOperatorExpression(String operator, List<Expression> arguments) {
        this.operator = operator;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    final BsonValue evaluate(Variables variables) {
        List<BsonValue> values = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            values.add(argument.evaluate(variables));
        }
        return apply(values);
    }

    /** The result for the arguments' values (Java null for a missing one), or null if the result is missing. */
    abstract BsonValue apply(List<BsonValue> values);

    /** Whether a value is a number of any of the four types. */
    static boolean isNumber(BsonValue value) {
        return value != null && BsonArithmetic.isNumber(value);
    }

    /**
     * A number that is a whole value fitting in 32 bits, as an int; null otherwise (a fraction, too big, not a
     * number).
     */
    static Integer wholeInt(BsonValue value) {
        Long whole = wholeLong(value);
        return whole != null && whole == whole.intValue() ? whole.intValue() : null;
    }

    /** A number that is a whole value fitting in 64 bits, as a long; null otherwise. */
    static Long wholeLong(BsonValue value) {
        if (!isNumber(value)) {
            return null;
        }
        switch (value.getBsonType()) {
            case INT32:
            case INT64:
                return value.asNumber().longValue();
            case DOUBLE: {
                double d = value.asDouble().getValue();
                if (d != Math.rint(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
                    return null;
                }
                return (long) d;
            }
            default: {
                org.bson.types.Decimal128 d = value.asDecimal128().getValue();
                if (d.isNaN() || d.isInfinite()) {
                    return null;
                }
                try {
                    return ModTest.exact(d).longValueExact();
                } catch (ArithmeticException notWhole) {
                    return null;
                }
            }
        }
    }
}
