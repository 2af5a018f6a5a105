package io.wrongodb.query;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code "$a.b"} or {@code "$$ROOT.a"}: the value at a path of the document. Where the path crosses an array the
 * result is the array of what the rest of the path gives for each document element; other elements, nested arrays
 * included, are skipped, as in MongoDB. Numeric components are field names, not positions. {@code $$REMOVE} is always missing.
 */
final class FieldPathExpression extends Expression {
    private final String[] path;
    private final boolean remove;

    FieldPathExpression(String[] path, boolean remove) {
        this.path = path;
        this.remove = remove;
    }

    @Override
    public BsonValue evaluate(BsonDocument root) {
        if (remove) {
            return null;
        }
        return path.length == 0 ? root : inDocument(root, 0);
    }

    private BsonValue inDocument(BsonDocument document, int index) {
        BsonValue field = document.get(path[index]);
        if (field == null || index == path.length - 1) {
            return field;
        }
        if (field.isDocument()) {
            return inDocument(field.asDocument(), index + 1);
        }
        if (field.isArray()) {
            return inArray(field.asArray(), index + 1);
        }
        return null;
    }

    private BsonValue inArray(BsonArray array, int index) {
        BsonArray result = new BsonArray();
        for (BsonValue element : array) {
            BsonValue nested = element.isDocument() ? inDocument(element.asDocument(), index) : null;
            if (nested != null) {
                result.add(nested);
            }
        }
        return result;
    }
}
