package io.wrongodb.command;

import io.wrongodb.aggregate.Pipeline;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.QueryRun;
import io.wrongodb.query.Results;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code aggregate} on a collection: the pipeline's leading {@code $match} is planned like a find (so it can use an
 * index), the other stages run in memory over what it returns, and the output is a cursor.
 */
public final class AggregateCommand implements Command {
    private final Store store;

    public AggregateCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonValue target = request.body().get("aggregate");
        if (target == null || !target.isString()) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "aggregate on a database (aggregate: 1) is not supported by WrongoDB");
        }
        Namespace ns = Arguments.namespace(request);
        Arguments args = new Arguments(request);
        Collation.requireSimple(request.body().get("collation"));
        Pipeline pipeline = Pipeline.parse(args.array("pipeline"));
        if (!request.body().containsKey("cursor") && !args.bool("explain", false)) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "The 'cursor' option is required, except for aggregate with the explain argument");
        }
        BsonDocument cursor = args.document("cursor", new BsonDocument());
        long batchSize = cursor.containsKey("batchSize")
                ? cursor.get("batchSize").asNumber().longValue()
                : 101;
        if (batchSize < 0) {
            throw new MongoServerException(ErrorCode.BAD_VALUE, "batchSize must be non-negative");
        }
        QueryRun matched = store.run(
                ns, Filter.parse(pipeline.leadingMatch()), request.body().get("hint"));
        List<BsonDocument> input = new ArrayList<>();
        while (!matched.isExhausted()) {
            input.addAll(matched.nextBatch(store.storage(), 0, Integer.MAX_VALUE));
        }
        Results output = Results.of(pipeline.apply(input));
        if (batchSize == 0) {
            return CursorReply.first(ns.full(), store.cursors().open(ns.full(), output), List.of());
        }
        return CursorCommands.firstBatch(store, ns.full(), output, (int) batchSize, false);
    }
}
