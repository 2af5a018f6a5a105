package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $reduce: {input, initialValue, in}}: folds the input array, evaluating {@code in} with {@code $$value}
 * (the result so far, first {@code initialValue}) and {@code $$this} (the element). A null or missing input gives
 * null.
 */
final class ReduceExpression extends Expression {
    private final Expression input;
    private final Expression initialValue;
    private final Expression in;

    ReduceExpression(Expression input, Expression initialValue, Expression in) {
        this.input = input;
        this.initialValue = initialValue;
        this.in = in;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue array = input.evaluate(variables);
        if (isNullish(array)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(
                    40080, "$reduce requires that 'input' be an array, found: " + BsonText.of(array));
        }
        BsonValue value = initialValue.evaluate(variables);
        for (BsonValue element : array.asArray()) {
            value = in.evaluate(variables.with("value", value).with("this", element));
        }
        return value;
    }
}
