package io.wrongodb.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/** $bit: bitwise and, or, xor of an int or long field with int or long operands, applied in the given order. */
final class BitModifier extends Modifier {
    private record Operation(String name, BsonValue operand) {}

    private final List<Operation> operations;

    private BitModifier(List<Operation> operations) {
        this.operations = operations;
    }

    static BitModifier parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw badValue("The $bit modifier is not compatible with a " + BsonText.typeName(spec)
                    + ". You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}");
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, BsonValue> entry : spec.asDocument().entrySet()) {
            String name = entry.getKey();
            BsonValue operand = entry.getValue();
            if (!name.equals("and") && !name.equals("or") && !name.equals("xor")) {
                throw badValue("The $bit modifier only supports 'and', 'or', and 'xor', not '" + name
                        + "' which is an unknown operator: {" + BsonText.element(name, operand) + "}");
            }
            if (!operand.isInt32() && !operand.isInt64()) {
                throw badValue("The $bit modifier field must be an Integer(32/64 bit); a '"
                        + BsonText.typeName(operand) + "' is not supported here: {"
                        + BsonText.element(name, operand) + "}");
            }
            operations.add(new Operation(name, operand));
        }
        if (operations.isEmpty()) {
            throw badValue("You must pass in at least one bitwise operation. The format is: "
                    + "{$bit: {field: {and/or/xor: #}}");
        }
        return new BitModifier(operations);
    }

    private BsonValue applyTo(BsonValue value) {
        for (Operation operation : operations) {
            long x = value.asNumber().longValue();
            long y = operation.operand.asNumber().longValue();
            long result =
                    switch (operation.name) {
                        case "and" -> x & y;
                        case "or" -> x | y;
                        default -> x ^ y;
                    };
            value = value.isInt32() && operation.operand.isInt32()
                    ? new BsonInt32((int) result)
                    : new BsonInt64(result);
        }
        return value;
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        return applyTo(new BsonInt32(0));
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        BsonValue current = target.element;
        if (!current.isInt32() && !current.isInt64()) {
            throw badValue("Cannot apply $bit to a value of non-integral type." + context.idText() + " has the field "
                    + target.key + " of non-integer type " + BsonText.typeName(current));
        }
        BsonValue result = applyTo(current);
        return BsonArithmetic.identical(result, current) ? null : result;
    }
}
