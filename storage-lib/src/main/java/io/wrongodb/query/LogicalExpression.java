package io.wrongodb.query;

import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonValue;

/** {@code $and}, {@code $or} (short-circuiting, over any number of arguments) and {@code $not}. */
final class LogicalExpression extends Expression {
    private final String operator;
    private final List<Expression> arguments;

    LogicalExpression(String operator, List<Expression> arguments) {
        this.operator = operator;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        switch (operator) {
            case "$and":
                for (Expression argument : arguments) {
                    if (!isTrue(argument.evaluate(variables))) {
                        return BsonBoolean.FALSE;
                    }
                }
                return BsonBoolean.TRUE;
            case "$or":
                for (Expression argument : arguments) {
                    if (isTrue(argument.evaluate(variables))) {
                        return BsonBoolean.TRUE;
                    }
                }
                return BsonBoolean.FALSE;
            default:
                return BsonBoolean.valueOf(!isTrue(arguments.get(0).evaluate(variables)));
        }
    }
}
