package io.wrongodb.query;

import org.bson.BsonDocument;

/** {@code $expr}: an aggregation expression evaluated on the document, true if its result is truthy. */
final class ExprMatch implements MatchNode {
    private final Expression expression;

    ExprMatch(Expression expression) {
        this.expression = expression;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return Expression.isTrue(expression.evaluate(document));
    }
}
