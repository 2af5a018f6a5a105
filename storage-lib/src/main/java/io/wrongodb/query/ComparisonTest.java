package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import org.bson.BsonValue;

/**
 * {@code $eq $lt $lte $gt $gte} against one value. Values of different canonical types never compare, except that
 * null equals missing and undefined, and MinKey and MaxKey are below and above everything. NaN equals NaN and is
 * neither above nor below any number.
 */
final class ComparisonTest implements ValueTest {
    enum Operator {
        EQ,
        LT,
        LTE,
        GT,
        GTE
    }

    private final Operator operator;
    private final BsonValue operand;
    private final int operandBracket;

    ComparisonTest(Operator operator, BsonValue operand) {
        this.operator = operator;
        this.operand = operand;
        this.operandBracket = TypeBracket.of(operand);
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        int bracket = TypeBracket.of(value);
        if (bracket != operandBracket) {
            return acrossTypes(bracket);
        }
        if (operator != Operator.EQ) {
            boolean valueNaN = isNaN(value);
            boolean operandNaN = isNaN(operand);
            if (valueNaN || operandNaN) {
                return (operator == Operator.LTE || operator == Operator.GTE) && valueNaN && operandNaN;
            }
        }
        int c = BsonOrder.INSTANCE.compare(value, operand);
        return switch (operator) {
            case EQ -> c == 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
        };
    }

    private boolean acrossTypes(int bracket) {
        if (bracket + operandBracket == TypeBracket.MISSING_OR_UNDEFINED + TypeBracket.NULL) {
            // null, undefined and missing are one value to a comparison.
            return operator == Operator.EQ || operator == Operator.LTE || operator == Operator.GTE;
        }
        if (operandBracket == TypeBracket.MAX_KEY) {
            return operator == Operator.LT || operator == Operator.LTE;
        }
        if (operandBracket == TypeBracket.MIN_KEY) {
            return operator == Operator.GT || operator == Operator.GTE;
        }
        return false;
    }

    static boolean isNaN(BsonValue value) {
        return (value.isDouble() && Double.isNaN(value.asDouble().getValue()))
                || (value.isDecimal128() && value.asDecimal128().getValue().isNaN());
    }
}
