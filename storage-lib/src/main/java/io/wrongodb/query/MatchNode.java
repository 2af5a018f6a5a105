package io.wrongodb.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One node of a parsed filter: a condition on a whole document ({@code {a: 1}}, {@code $or}, {@code $expr}) that
 * may also be asked of a single value, as the operators inside {@code {$elemMatch: {$gt: 1, $lt: 5}}} are.
 * {@code details} is null when the caller does not want the matching array position.
 */
interface MatchNode {
    boolean matches(BsonDocument document, MatchDetails details);

    /**
     * Whether one value (null: missing) passes, without looking into arrays; only the nodes that can appear in the
     * value form of {@code $elemMatch} answer this.
     */
    default boolean matchesValue(BsonValue value, MatchDetails details) {
        throw new IllegalStateException(getClass().getSimpleName() + " does not match a single value");
    }
}
