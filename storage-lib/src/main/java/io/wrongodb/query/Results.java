package io.wrongodb.query;

import io.wrongodb.storage.Connection;
import java.util.List;

/** Results a cursor hands out batch by batch: a query reading the engine, or a pipeline's finished output. */
public interface Results {
    /** Up to {@code maxDocuments} more (0: no count limit), stopping once past {@code maxBytes}. */
    List<org.bson.BsonDocument> nextBatch(Connection storage, int maxDocuments, int maxBytes);

    /** True once every result has been handed out. */
    boolean isExhausted();

    /** Results already in memory, such as a pipeline's output. */
    static Results of(List<org.bson.BsonDocument> documents) {
        return new Results() {
            private int next;

            @Override
            public List<org.bson.BsonDocument> nextBatch(Connection storage, int maxDocuments, int maxBytes) {
                int end = maxDocuments == 0 ? documents.size() : Math.min(documents.size(), next + maxDocuments);
                List<org.bson.BsonDocument> batch = new java.util.ArrayList<>();
                long bytes = 0;
                while (next < end && bytes < maxBytes) {
                    org.bson.BsonDocument document = documents.get(next++);
                    bytes += io.wrongodb.bson.DocumentBytes.encode(document).length;
                    batch.add(document);
                }
                return batch;
            }

            @Override
            public boolean isExhausted() {
                return next >= documents.size();
            }
        };
    }
}
