package io.wrongodb.query;

import java.util.List;
import org.bson.BsonDocument;

/**
 * {@code $or}, or with {@code negated} {@code $nor}. Like MongoDB it records no array position: which branch
 * matched says nothing reliable about which element.
 */
final class OrMatch implements MatchNode {
    private final List<MatchNode> children;
    private final boolean negated;

    OrMatch(List<MatchNode> children, boolean negated) {
        this.children = List.copyOf(children);
        this.negated = negated;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        for (MatchNode child : children) {
            if (child.matches(document, null)) {
                return !negated;
            }
        }
        return negated;
    }
}
