package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.MatchDetails;
import io.wrongodb.query.Plan;
import io.wrongodb.query.Planner;
import io.wrongodb.query.QueryRun;
import java.util.Comparator;
import java.util.function.BiFunction;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed {@code find} (also the query part of {@code explain} and {@code count}): filter, sort, projection,
 * skip, limit, batchSize, singleBatch and hint, each checked as MongoDB checks it.
 */
final class FindRequest {
    static final int DEFAULT_FIRST_BATCH = 101;

    final Namespace namespace;
    final Filter filter;
    final BsonDocument sortSpec;
    final BsonDocument projectionSpec;
    final long skip;
    final long limit;
    final int batchSize;
    final boolean singleBatch;
    final BsonValue hint;

    FindRequest(CommandRequest request) {
        Arguments args = new Arguments(request);
        this.namespace = Arguments.namespace(request);
        this.filter = Filter.parse(args.document("filter", new BsonDocument()));
        this.sortSpec = args.document("sort", new BsonDocument());
        this.projectionSpec = args.document("projection", new BsonDocument());
        this.skip = args.number("skip", 0);
        if (skip < 0) {
            throw MongoServerException.location(
                    51024, "BSON field 'skip' value must be >= 0, actual value '" + skip + "'");
        }
        long requestedLimit = args.number("limit", 0);
        if (requestedLimit < 0) {
            throw MongoServerException.location(
                    51024, "BSON field 'limit' value must be >= 0, actual value '" + requestedLimit + "'");
        }
        this.limit = requestedLimit;
        long requestedBatch = args.number("batchSize", DEFAULT_FIRST_BATCH);
        if (requestedBatch < 0) {
            throw MongoServerException.location(
                    51024, "BSON field 'batchSize' value must be >= 0, actual value '" + requestedBatch + "'");
        }
        this.batchSize = (int) Math.min(requestedBatch, Integer.MAX_VALUE);
        this.singleBatch = args.bool("singleBatch", false);
        BsonValue requestedHint = request.body().get("hint");
        if (requestedHint != null && !requestedHint.isString() && !requestedHint.isDocument()) {
            throw args.wrongType("hint", requestedHint, "[string, object]");
        }
        this.hint = requestedHint;
        comparator();
        projection();
    }

    Comparator<BsonDocument> comparator() {
        if (sortSpec.isEmpty() || (sortSpec.size() == 1 && sortSpec.containsKey("$natural"))) {
            return null;
        }
        throw new MongoServerException(ErrorCode.COMMAND_NOT_SUPPORTED, "sort is not supported yet");
    }

    BiFunction<BsonDocument, MatchDetails, BsonDocument> projection() {
        if (projectionSpec.isEmpty()) {
            return null;
        }
        throw new MongoServerException(ErrorCode.COMMAND_NOT_SUPPORTED, "projection is not supported yet");
    }

    Plan plan(CollectionInfo collection) {
        if (collection == null) {
            return Plan.collectionScan(false);
        }
        return Planner.plan(collection, filter.spec(), sortSpec, hint);
    }

    QueryRun run(CollectionInfo collection) {
        return new QueryRun(collection, plan(collection), filter, comparator(), skip, limit, projection());
    }
}
