package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import org.bson.BsonBoolean;
import org.bson.BsonInt32;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * {@code $eq $ne $gt $gte $lt $lte $cmp} on two values in MongoDB's order of all BSON values: unlike a query
 * filter, values of different types compare (every number is below every string), arrays compare as wholes, and
 * missing is below null.
 */
final class ComparisonExpression extends Expression {
    private final String operator;
    private final Expression left;
    private final Expression right;

    ComparisonExpression(String operator, Expression left, Expression right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        int c = compare(left.evaluate(variables), right.evaluate(variables));
        return switch (operator) {
            case "$cmp" -> new BsonInt32(c);
            case "$eq" -> BsonBoolean.valueOf(c == 0);
            case "$ne" -> BsonBoolean.valueOf(c != 0);
            case "$gt" -> BsonBoolean.valueOf(c > 0);
            case "$gte" -> BsonBoolean.valueOf(c >= 0);
            case "$lt" -> BsonBoolean.valueOf(c < 0);
            case "$lte" -> BsonBoolean.valueOf(c <= 0);
            default -> throw new IllegalStateException(operator);
        };
    }

    /** Compares two results; missing sorts with undefined, just below null. */
    static int compare(BsonValue a, BsonValue b) {
        return BsonOrder.INSTANCE.compare(a == null ? new BsonUndefined() : a, b == null ? new BsonUndefined() : b);
    }
}
