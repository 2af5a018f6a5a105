package io.wrongodb.query;

import java.util.List;
import java.util.OptionalInt;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A field a projection computes rather than copies: an aggregation expression ({@code {x: "abc"}},
 * {@code {x: "$a.b"}}, {@code {x: {$add: ["$a", 1]}}}) or the first array element an {@code $elemMatch} selects. Evaluated against the whole input document.
 */
interface ComputedField {
    /** The field's value, or {@link ProjectionNode#MISSING} to leave the field out. */
    BsonValue evaluate(BsonDocument root);

    static ComputedField literal(BsonValue value) {
        return root -> value;
    }

    /** A field computed by an aggregation expression; a missing result leaves the field out. */
    static ComputedField expression(Expression expression) {
        return root -> {
            BsonValue value = expression.evaluate(root);
            return value == null ? ProjectionNode.MISSING : value;
        };
    }

    /**
     * {@code {field: {$elemMatch: ...}}}: the first element of the top-level array {@code field} that matches, as a
     * one-element array; nothing when no element matches or the field is not an array.
     */
    static ComputedField elemMatch(String field, Filter filter) {
        return root -> {
            MatchDetails details = new MatchDetails();
            if (!filter.matches(root, details)) {
                return ProjectionNode.MISSING;
            }
            BsonValue array = root.get(field);
            OptionalInt position = details.arrayPosition();
            if (array == null
                    || !array.isArray()
                    || position.isEmpty()
                    || position.getAsInt() >= array.asArray().size()) {
                return ProjectionNode.MISSING;
            }
            return new BsonArray(List.of(array.asArray().get(position.getAsInt())));
        };
    }
}
