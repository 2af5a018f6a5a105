package io.wrongodb.query;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The find projection {@code {path: {$slice: n}}} or {@code {$slice: [skip, limit]}}. Along the path it goes into
 * documents and into the documents of arrays (not into arrays nested in arrays); the array at the end of the path
 * is cut. A negative {@code n} keeps the last elements; a negative {@code skip} counts from the end.
 */
final class ArraySlice implements ArrayStep {
    private final List<String> path;
    private final Integer skip;
    private final int limit;

    /** {@code skip} is null for the single-number form; then {@code limit} may be negative. */
    ArraySlice(List<String> path, Integer skip, int limit) {
        this.path = path;
        this.skip = skip;
        this.limit = limit;
    }

    @Override
    public BsonDocument apply(BsonDocument projected, BsonDocument input, MatchDetails details) {
        return sliceIn(projected, 0);
    }

    private BsonDocument sliceIn(BsonDocument document, int depth) {
        String name = path.get(depth);
        BsonValue value = document.get(name);
        if (value == null) {
            return document;
        }
        boolean last = depth == path.size() - 1;
        BsonValue sliced = value;
        if (value.isArray()) {
            sliced = last ? slice(value.asArray()) : sliceInElements(value.asArray(), depth + 1);
        } else if (value.isDocument() && !last) {
            sliced = sliceIn(value.asDocument(), depth + 1);
        }
        BsonDocument output = new BsonDocument();
        output.putAll(document);
        output.put(name, sliced);
        return output;
    }

    private BsonArray sliceInElements(BsonArray array, int depth) {
        BsonArray output = new BsonArray();
        for (BsonValue element : array) {
            output.add(element.isDocument() ? sliceIn(element.asDocument(), depth) : element);
        }
        return output;
    }

    BsonArray slice(BsonArray array) {
        long length = array.size();
        long start;
        long count;
        if (skip == null) {
            if (limit < 0) {
                start = Math.max(0, length + limit);
                count = length - start;
            } else {
                start = 0;
                count = Math.min(length, limit);
            }
        } else {
            start = skip < 0 ? Math.max(0, length + skip) : Math.min(length, skip);
            count = Math.min(length - start, limit);
        }
        return new BsonArray(array.getValues().subList((int) start, (int) (start + count)));
    }
}
