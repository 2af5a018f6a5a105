package io.wrongodb.query;

import java.util.List;
import org.bson.BsonValue;

/**
 * {@code $let: {vars: {name: <expression>, ...}, in: <expression>}}: evaluates the variables in the enclosing
 * scope, then {@code in} with them bound as {@code $$name}.
 */
final class LetExpression extends Expression {
    private final List<String> names;
    private final List<Expression> values;
    private final Expression in;

    LetExpression(List<String> names, List<Expression> values, Expression in) {
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
        this.in = in;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        Variables inner = variables;
        for (int i = 0; i < names.size(); i++) {
            inner = inner.with(names.get(i), values.get(i).evaluate(variables));
        }
        return in.evaluate(inner);
    }
}
