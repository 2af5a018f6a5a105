package io.wrongodb.aggregate;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Reads and writes a field named by a dotted path ({@code "a.b.c"}) through embedded documents only, as the stages
 * that name one field do ({@code $unwind}, computed fields, {@code $lookup}'s {@code as}): an array on the way is
 * not traversed.
 */
final class DottedPath {
    private DottedPath() {}

    /** The value at {@code path}, or null when it is missing or a step on the way is not a document. */
    static BsonValue get(BsonDocument document, String path) {
        BsonValue current = document;
        for (String step : path.split("\\.", -1)) {
            if (current == null || !current.isDocument()) {
                return null;
            }
            current = current.asDocument().get(step);
        }
        return current;
    }

    /**
     * Sets a field, its name possibly dotted: a missing or non-document field on the way becomes a new document, as
     * in MongoDB. Documents on the path are copied, so {@code document} shares none it changes. A null value
     * (missing) removes the field. A path through an array is not supported.
     */
    static void set(BsonDocument document, String name, BsonValue value) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            if (value == null) {
                document.remove(name);
            } else {
                document.put(name, value);
            }
            return;
        }
        String head = name.substring(0, dot);
        BsonValue current = document.get(head);
        if (current != null && current.isArray()) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "a computed field through an array is not supported by WrongoDB");
        }
        if (value == null && (current == null || !current.isDocument())) {
            return;
        }
        BsonDocument next =
                current != null && current.isDocument() ? current.asDocument().clone() : new BsonDocument();
        set(next, name.substring(dot + 1), value);
        document.put(head, next);
    }
}
