package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.OptionalInt;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The positional projection {@code {"a.b.$": 1}}: the first array on the path {@code a.b} is replaced by the one
 * element the query matched, whose position the filter recorded in {@link MatchDetails}. The path is walked in the
 * projected document, so the position indexes the projected array.
 */
final class PositionalElement implements ArrayStep {
    private final List<String> path;

    PositionalElement(List<String> path) {
        this.path = path;
    }

    @Override
    public BsonDocument apply(BsonDocument projected, BsonDocument input, MatchDetails details) {
        BsonDocument current = projected;
        for (int depth = 0; depth < path.size(); depth++) {
            BsonValue value = current.get(path.get(depth));
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                OptionalInt position = details == null ? OptionalInt.empty() : details.arrayPosition();
                if (position.isEmpty()) {
                    throw MongoServerException.location(
                            51246, "positional operator '.$' couldn't find a matching element in the array");
                }
                BsonArray array = value.asArray();
                if (position.getAsInt() >= array.size()) {
                    throw MongoServerException.location(51247, "positional operator '.$' element mismatch");
                }
                BsonArray element = new BsonArray(List.of(array.get(position.getAsInt())));
                return withNested(projected, path.subList(0, depth + 1), element);
            }
            if (value.isDocument()) {
                current = value.asDocument();
            }
            // MongoDB goes on with the next path component in the same document when the value is a scalar.
        }
        return projected;
    }

    /** A copy of {@code document} with {@code value} at {@code path}, making documents along it as needed. */
    private static BsonDocument withNested(BsonDocument document, List<String> path, BsonValue value) {
        BsonDocument output = new BsonDocument();
        output.putAll(document);
        String name = path.get(0);
        if (path.size() == 1) {
            output.put(name, value);
        } else {
            BsonValue inner = document.get(name);
            BsonDocument next = inner != null && inner.isDocument() ? inner.asDocument() : new BsonDocument();
            output.put(name, withNested(next, path.subList(1, path.size()), value));
        }
        return output;
    }
}
