package io.wrongodb.aggregate;

import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $documents: <array expression>} (first stage of a database-level aggregate, or of a {@code $lookup} or
 * {@code $unionWith} sub-pipeline): the documents of the array, each of which must be a document.
 */
final class DocumentsStage implements Stage {
    private final Expression documents;

    private DocumentsStage(Expression documents) {
        this.documents = documents;
    }

    static DocumentsStage parse(BsonValue spec) {
        return new DocumentsStage(Expression.parse(spec));
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        BsonValue value = documents.evaluate(new BsonDocument());
        if (value == null || !value.isArray()) {
            throw MongoServerException.location(5858203, "an array is expected");
        }
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue element : value.asArray()) {
            out.add(ReplaceRootStage.replacement(element, new BsonDocument(), "'newRoot' expression"));
        }
        return out;
    }
}
