package io.wrongodb.query;

import java.util.List;
import org.bson.BsonValue;

/**
 * {@code $cond} (if, then, else) and {@code $ifNull} (the first argument that is not null or missing, else the
 * last one).
 */
final class ConditionalExpression extends Expression {
    private final String operator;
    private final List<Expression> arguments;

    ConditionalExpression(String operator, List<Expression> arguments) {
        this.operator = operator;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        if (operator.equals("$cond")) {
            return isTrue(arguments.get(0).evaluate(variables))
                    ? arguments.get(1).evaluate(variables)
                    : arguments.get(2).evaluate(variables);
        }
        for (int i = 0; i < arguments.size() - 1; i++) {
            BsonValue value = arguments.get(i).evaluate(variables);
            if (!isNullish(value)) {
                return value;
            }
        }
        return arguments.get(arguments.size() - 1).evaluate(variables);
    }
}
