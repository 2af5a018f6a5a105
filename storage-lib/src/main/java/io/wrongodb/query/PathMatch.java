package io.wrongodb.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A test applied to the values a dotted path leads to in a document: the document matches if any of them passes.
 * Most tests see the elements of an array the path ends at and then the array itself ({@code {a: 5}} matches
 * {@code a: [1, 5]}); {@code $elemMatch}, {@code $size} and the like see only the array.
 */
final class PathMatch implements MatchNode {
    private final String[] path;
    private final ValueTest test;
    private final boolean expandLeafArrays;

    PathMatch(String path, ValueTest test, boolean expandLeafArrays) {
        this.path = path.split("\\.", -1);
        this.test = test;
        this.expandLeafArrays = expandLeafArrays;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return PathWalker.anyValue(document, path, expandLeafArrays, (value, position) -> {
            MatchDetails inner = details == null ? null : new MatchDetails();
            if (!test.test(value, inner)) {
                return false;
            }
            if (details != null) {
                // The outermost array's position wins, as in MongoDB.
                if (position >= 0) {
                    details.recordArrayPosition(position);
                } else {
                    inner.arrayPosition().ifPresent(details::recordArrayPosition);
                }
            }
            return true;
        });
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        return test.test(value, details);
    }
}
