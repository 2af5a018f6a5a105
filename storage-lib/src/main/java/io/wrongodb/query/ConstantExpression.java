package io.wrongodb.query;

import org.bson.BsonValue;

/** A value given literally: {@code 5}, {@code "abc"}, or anything under {@code $literal}. */
final class ConstantExpression extends Expression {
    private final BsonValue value;

    ConstantExpression(BsonValue value) {
        this.value = value;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        return value;
    }
}
