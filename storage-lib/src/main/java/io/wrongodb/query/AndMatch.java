package io.wrongodb.query;

import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** All conditions hold: {@code $and}, and the implicit "and" of a filter's fields. An empty one always holds. */
final class AndMatch implements MatchNode {
    private final List<MatchNode> children;

    AndMatch(List<MatchNode> children) {
        this.children = List.copyOf(children);
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        for (MatchNode child : children) {
            if (!child.matches(document, details)) {
                if (details != null) {
                    details.clear();
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        for (MatchNode child : children) {
            if (!child.matchesValue(value, details)) {
                return false;
            }
        }
        return true;
    }
}
