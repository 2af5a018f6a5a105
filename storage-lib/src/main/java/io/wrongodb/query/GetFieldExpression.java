package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $getField: {field, input}} (or {@code $getField: "name"} for a field of {@code $$CURRENT}): a field by
 * its literal name, dots and dollars included. A null input gives null, a missing one or a missing field missing.
 */
final class GetFieldExpression extends Expression {
    private final String field;
    private final Expression input;

    GetFieldExpression(String field, Expression input) {
        this.field = field;
        this.input = input;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue value = input.evaluate(variables);
        if (value == null) {
            return null;
        }
        if (isNullish(value)) {
            return BsonNull.VALUE;
        }
        if (!value.isDocument()) {
            throw MongoServerException.location(
                    3041705, "$getField requires 'input' to evaluate to type Object, but got " + typeName(value));
        }
        return value.asDocument().get(field);
    }
}
