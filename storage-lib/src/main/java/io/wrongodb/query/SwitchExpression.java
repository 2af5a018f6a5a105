package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import org.bson.BsonValue;

/**
 * {@code $switch: {branches: [{case, then}, ...], default}}: the {@code then} of the first branch whose
 * {@code case} is true, else {@code default}; with no default and no true case, an error.
 */
final class SwitchExpression extends Expression {
    private final List<Expression> cases;
    private final List<Expression> thens;
    private final Expression defaultExpression;

    SwitchExpression(List<Expression> cases, List<Expression> thens, Expression defaultExpression) {
        this.cases = List.copyOf(cases);
        this.thens = List.copyOf(thens);
        this.defaultExpression = defaultExpression;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        for (int i = 0; i < cases.size(); i++) {
            if (isTrue(cases.get(i).evaluate(variables))) {
                return thens.get(i).evaluate(variables);
            }
        }
        if (defaultExpression == null) {
            throw MongoServerException.location(
                    40066, "$switch could not find a matching branch for an input, and no default was specified.");
        }
        return defaultExpression.evaluate(variables);
    }
}
