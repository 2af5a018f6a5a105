package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $filter: {input, as, cond, limit}}: the elements of the input array for which {@code cond}, with the
 * element bound as {@code $$<as>} ({@code $$this} by default), is true; at most {@code limit} of them. A null or
 * missing input gives null.
 */
final class FilterExpression extends Expression {
    private final Expression input;
    private final String as;
    private final Expression cond;
    private final Expression limit;

    FilterExpression(Expression input, String as, Expression cond, Expression limit) {
        this.input = input;
        this.as = as;
        this.cond = cond;
        this.limit = limit;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue array = input.evaluate(variables);
        if (isNullish(array)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(28651, "input to $filter must be an array not " + typeName(array));
        }
        long max = Long.MAX_VALUE;
        if (limit != null) {
            BsonValue value = limit.evaluate(variables);
            if (!isNullish(value)) {
                Integer n = ValueOperatorExpression.wholeInt(value);
                if (n == null) {
                    throw MongoServerException.location(
                            327391,
                            "$filter: limit must be represented as a 32-bit integral value: " + BsonText.of(value));
                }
                if (n < 1) {
                    throw MongoServerException.location(327392, "$filter: limit must be greater than 0: " + n);
                }
                max = n;
            }
        }
        BsonArray result = new BsonArray();
        for (BsonValue element : array.asArray()) {
            if (result.size() >= max) {
                break;
            }
            if (isTrue(cond.evaluate(variables.with(as, element)))) {
                result.add(element);
            }
        }
        return result;
    }
}
