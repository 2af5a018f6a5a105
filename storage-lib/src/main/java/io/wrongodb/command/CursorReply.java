package io.wrongodb.command;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * The {@code cursor} field of a command that returns documents: {@code {firstBatch, id, ns}} for the command that
 * opens it and {@code {nextBatch, id, ns}} for a getMore, in MongoDB's order. Id 0 means the cursor is exhausted.
 */
public final class CursorReply {
    private CursorReply() {}

    /** A reply whose whole result fits in the first batch, so the cursor id is 0 (exhausted). */
    public static BsonDocument complete(String namespace, List<BsonDocument> documents) {
        return first(namespace, 0, documents);
    }

    public static BsonDocument first(String namespace, long id, List<BsonDocument> documents) {
        return batch("firstBatch", namespace, id, documents);
    }

    public static BsonDocument next(String namespace, long id, List<BsonDocument> documents) {
        return batch("nextBatch", namespace, id, documents);
    }

    private static BsonDocument batch(String field, String namespace, long id, List<BsonDocument> documents) {
        BsonDocument cursor = new BsonDocument(field, new BsonArray(documents))
                .append("id", new BsonInt64(id))
                .append("ns", new BsonString(namespace));
        return new BsonDocument("cursor", cursor);
    }
}
