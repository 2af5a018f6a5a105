package io.wrongodb.wire;

import java.util.List;
import org.bson.BsonDocument;

/** A kind-1 OP_MSG section: documents sent beside the body under one field name (e.g. {@code documents}). */
public record DocumentSequence(String identifier, List<BsonDocument> documents) {
    public DocumentSequence {
        documents = List.copyOf(documents);
    }
}
