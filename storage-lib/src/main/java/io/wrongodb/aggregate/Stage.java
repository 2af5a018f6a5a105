package io.wrongodb.aggregate;

import java.util.List;
import org.bson.BsonDocument;

/** One stage of a pipeline: documents in, documents out. */
interface Stage {
    List<BsonDocument> apply(List<BsonDocument> input);
}
