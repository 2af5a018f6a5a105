package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * {@code find}: plans the query, returns the first batch (101 documents unless {@code batchSize} says otherwise)
 * and leaves a cursor open for {@code getMore} when more remain.
 */
public final class FindCommand implements Command {
    private final Store store;

    public FindCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "find";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        FindRequest find = new FindRequest(request);
        CollectionInfo collection = store.catalog().collection(find.namespace).orElse(null);
        if (find.tailable) {
            boolean capped = collection != null
                    && collection
                            .options()
                            .getBoolean("capped", BsonBoolean.FALSE)
                            .getValue();
            if (!capped) {
                throw new MongoServerException(
                        ErrorCode.BAD_VALUE,
                        "error processing query: ns=" + find.namespace.full()
                                + " planner returned error :: caused by :: tailable cursor requested on non capped"
                                + " collection");
            }
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "tailable cursors on capped collections are not supported by WrongoDB");
        }
        int firstBatch = find.batchSize;
        if (find.limit > 0 && firstBatch > find.limit) {
            firstBatch = (int) find.limit;
        }
        if (find.batchSize == 0) {
            return CursorReply.first(
                    find.namespace.full(),
                    store.cursors().open(find.namespace.full(), find.run(collection)),
                    java.util.List.of());
        }
        return CursorCommands.firstBatch(
                store, find.namespace.full(), find.run(collection), firstBatch, find.singleBatch);
    }
}
