package io.wrongodb.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The negation of a whole path condition: {@code $not}, {@code $ne}, {@code $nin}, {@code $exists: false}. It
 * negates "some value on the path passes", so {@code {a: {$ne: 5}}} rejects {@code a: [1, 5]}.
 */
final class NotMatch implements MatchNode {
    private final MatchNode child;

    NotMatch(MatchNode child) {
        this.child = child;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return !child.matches(document, null);
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        return !child.matchesValue(value, null);
    }
}
