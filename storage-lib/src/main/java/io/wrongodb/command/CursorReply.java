package io.wrongodb.command;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** The {@code cursor} field of a command that returns documents: {@code {id, ns, firstBatch}}. */
public final class CursorReply {
    private CursorReply() {}

    /** A reply whose whole result fits in the first batch, so the cursor id is 0 (exhausted). */
    public static BsonDocument complete(String namespace, List<BsonDocument> documents) {
        BsonDocument cursor = new BsonDocument("id", new BsonInt64(0))
                .append("ns", new BsonString(namespace))
                .append("firstBatch", new BsonArray(documents));
        return new BsonDocument("cursor", cursor);
    }
}
