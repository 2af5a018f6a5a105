package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** $inc and $mul: adds to or multiplies a number; a missing field becomes the operand ($inc) or zero ($mul). */
final class ArithmeticModifier extends Modifier {
    private final BsonValue operand;
    private final boolean multiply;

    private ArithmeticModifier(BsonValue operand, boolean multiply) {
        this.operand = operand;
        this.multiply = multiply;
    }

    static ArithmeticModifier parse(String field, BsonValue operand, boolean multiply) {
        if (!BsonArithmetic.isNumber(operand)) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "Cannot " + (multiply ? "multiply" : "increment") + " with non-numeric argument: {"
                            + BsonText.element(field, operand) + "}");
        }
        return new ArithmeticModifier(operand, multiply);
    }

    private String operator() {
        return multiply ? "$mul" : "$inc";
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        return multiply ? BsonArithmetic.multiply(operand, new BsonInt32(0)) : operand;
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        BsonValue current = target.element;
        if (!BsonArithmetic.isNumber(current)) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "Cannot apply " + operator() + " to a value of non-numeric type. {" + context.idText()
                            + "} has the field '" + target.key + "' of non-numeric type "
                            + BsonText.typeName(current));
        }
        BsonValue result = multiply ? BsonArithmetic.multiply(current, operand) : BsonArithmetic.add(current, operand);
        if (result == null) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE,
                    "Failed to apply " + operator() + " operations to current value ("
                            + BsonArithmetic.debugText(current) + ") for document {" + context.idText() + "}");
        }
        return BsonArithmetic.identical(result, current) ? null : result;
    }
}
