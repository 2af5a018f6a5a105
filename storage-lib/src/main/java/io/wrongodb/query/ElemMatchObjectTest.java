package io.wrongodb.query;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $elemMatch} with a filter document ({@code {$elemMatch: {b: 1, c: {$gt: 2}}}}): the value is an array
 * with an element that, taken as a document, matches the whole filter. Nested arrays count as documents whose
 * field names are their positions.
 */
final class ElemMatchObjectTest implements ValueTest {
    private final MatchNode filter;

    ElemMatchObjectTest(MatchNode filter) {
        this.filter = filter;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null || !value.isArray()) {
            return false;
        }
        BsonArray array = value.asArray();
        for (int i = 0; i < array.size(); i++) {
            BsonValue element = array.get(i);
            BsonDocument asDocument = element.isDocument()
                    ? element.asDocument()
                    : element.isArray() ? positionsAsNames(element.asArray()) : null;
            if (asDocument != null && filter.matches(asDocument, null)) {
                if (details != null) {
                    details.recordArrayPosition(i);
                }
                return true;
            }
        }
        return false;
    }

    private static BsonDocument positionsAsNames(BsonArray array) {
        BsonDocument document = new BsonDocument();
        for (int i = 0; i < array.size(); i++) {
            document.put(Integer.toString(i), array.get(i));
        }
        return document;
    }
}
