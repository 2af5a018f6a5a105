package io.wrongodb.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A value given literally: {@code 5}, {@code "abc"}, or anything under {@code $literal}. */
final class ConstantExpression extends Expression {
    private final BsonValue value;

    ConstantExpression(BsonValue value) {
        this.value = value;
    }

    @Override
    public BsonValue evaluate(BsonDocument root) {
        return value;
    }
}
