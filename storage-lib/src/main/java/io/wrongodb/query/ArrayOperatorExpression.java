package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Operators on one value's shape: {@code $in} (is the value an element of the array?), {@code $size} (an array's
 * length), {@code $type} (the value's type name, "missing" included), {@code $isArray} and {@code $isNumber}.
 */
final class ArrayOperatorExpression extends Expression {
    private final String operator;
    private final List<Expression> arguments;

    ArrayOperatorExpression(String operator, List<Expression> arguments) {
        this.operator = operator;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue first = arguments.get(0).evaluate(variables);
        switch (operator) {
            case "$type":
                return new BsonString(typeName(first));
            case "$isArray":
                return BsonBoolean.valueOf(first != null && first.isArray());
            case "$isNumber":
                return BsonBoolean.valueOf(first != null && BsonArithmetic.isNumber(first));
            case "$size":
                if (first == null || !first.isArray()) {
                    throw MongoServerException.location(
                            17124, "The argument to $size must be an array. Type of argument is: " + typeName(first));
                }
                return new BsonInt32(first.asArray().size());
            default: {
                BsonValue array = arguments.get(1).evaluate(variables);
                if (array == null || !array.isArray()) {
                    throw MongoServerException.location(
                            40081, "$in requires an array as a second argument, found: " + typeName(array));
                }
                for (BsonValue element : array.asArray()) {
                    if (ComparisonExpression.compare(first, element) == 0) {
                        return BsonBoolean.TRUE;
                    }
                }
                return BsonBoolean.FALSE;
            }
        }
    }
}
