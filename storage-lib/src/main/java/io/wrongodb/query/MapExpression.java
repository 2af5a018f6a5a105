package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $map: {input, as, in}}: {@code in} evaluated for each element of the input array, bound as
 * {@code $$<as>} ({@code $$this} by default); a missing result becomes null. A null or missing input gives null.
 */
final class MapExpression extends Expression {
    private final Expression input;
    private final String as;
    private final Expression in;

    MapExpression(Expression input, String as, Expression in) {
        this.input = input;
        this.as = as;
        this.in = in;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue array = input.evaluate(variables);
        if (isNullish(array)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(16883, "input to $map must be an array not " + typeName(array));
        }
        BsonArray result = new BsonArray();
        for (BsonValue element : array.asArray()) {
            BsonValue mapped = in.evaluate(variables.with(as, element));
            result.add(mapped == null ? BsonNull.VALUE : mapped);
        }
        return result;
    }
}
