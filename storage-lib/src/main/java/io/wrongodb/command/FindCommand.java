package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

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

    /**
     * A find on a view is the aggregation MongoDB makes of it: the view's pipeline, then {@code $match},
     * {@code $sort}, {@code $skip}, {@code $limit} and {@code $project}; the cursor is on the view's namespace.
     */
    private BsonDocument onView(CommandRequest request, FindRequest find) {
        BsonArray pipeline = new BsonArray();
        if (!find.filter.spec().isEmpty()) {
            pipeline.add(new BsonDocument("$match", find.filter.spec()));
        }
        if (!find.sortSpec.isEmpty()) {
            pipeline.add(new BsonDocument("$sort", find.sortSpec));
        }
        if (find.skip > 0) {
            pipeline.add(new BsonDocument("$skip", new BsonInt64(find.skip)));
        }
        if (find.limit > 0) {
            pipeline.add(new BsonDocument("$limit", new BsonInt64(find.limit)));
        }
        if (!find.projectionSpec.isEmpty()) {
            pipeline.add(new BsonDocument("$project", find.projectionSpec));
        }
        BsonDocument aggregate = new BsonDocument("aggregate", new BsonString(find.namespace.collection()))
                .append("pipeline", pipeline)
                .append("cursor", new BsonDocument("batchSize", new BsonInt32(find.batchSize)));
        BsonDocument reply =
                new AggregateCommand(store).run(new CommandRequest(request.database(), aggregate, request.client()));
        BsonDocument cursor = reply.getDocument("cursor");
        long id = cursor.getInt64("id").getValue();
        if (find.singleBatch && id != 0) {
            store.cursors().kill(id);
            cursor.put("id", new BsonInt64(0));
        }
        return reply;
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        FindRequest find = new FindRequest(request);
        if (store.catalog().view(find.namespace).isPresent()) {
            return onView(request, find);
        }
        CollectionInfo collection = store.catalog().collection(find.namespace).orElse(null);
        if (find.tailable) {
            // tailable cursors need a capped collection, and WrongoDB refuses to create those
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE,
                    "error processing query: ns=" + find.namespace.full()
                            + " planner returned error :: caused by :: tailable cursor requested on non capped"
                            + " collection");
        }
        int firstBatch = find.batchSize;
        if (find.limit > 0 && firstBatch > find.limit) {
            firstBatch = (int) find.limit;
        }
        return CursorCommands.firstBatch(
                store, find.namespace.full(), find.run(collection), firstBatch, find.singleBatch, find.noCursorTimeout);
    }
}
