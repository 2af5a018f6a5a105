package io.wrongodb.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A condition nothing satisfies, such as {@code {$all: []}}. */
final class NoMatch implements MatchNode {
    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return false;
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        return false;
    }
}
