package io.wrongodb.command;

import io.wrongodb.bson.SortDirection;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.MatchDetails;
import io.wrongodb.query.Plan;
import io.wrongodb.query.Planner;
import io.wrongodb.query.Projection;
import io.wrongodb.query.QueryRun;
import io.wrongodb.query.SortOrder;
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
    /** find options MongoDB has that WrongoDB refuses (238) rather than ignores; min and max are index bounds. */
    private static final java.util.List<String> NOT_IMPLEMENTED_OPTIONS =
            java.util.List.of("min", "max", "returnKey", "showRecordId");

    final Namespace namespace;
    final Filter filter;
    final BsonDocument sortSpec;
    final BsonDocument projectionSpec;
    final long skip;
    final long limit;
    final int batchSize;
    final boolean singleBatch;
    final BsonValue hint;
    final boolean tailable;
    final boolean noCursorTimeout;
    final SortOrder sort;
    final Projection projection;

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
        Collation.requireSimple(request.body().get("collation"));
        for (String option : NOT_IMPLEMENTED_OPTIONS) {
            BsonValue value = request.body().get(option);
            boolean asked =
                    value != null && (value.isDocument() ? !value.asDocument().isEmpty() : args.bool(option, false));
            if (asked) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED, "the find option '" + option + "' is not supported by WrongoDB");
            }
        }
        this.tailable = args.bool("tailable", false);
        this.noCursorTimeout = args.bool("noCursorTimeout", false);
        if (args.bool("awaitData", false) && !tailable) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "Cannot set 'awaitData' without also setting 'tailable'");
        }
        this.sort = SortOrder.parse(sortSpec);
        this.projection = Projection.parse(projectionSpec);
    }

    /** The order to sort in, or null when there is none (or only {@code $natural}, which the plan follows). */
    Comparator<BsonDocument> comparator() {
        if (sort.isEmpty() || sort.naturalDirection().isPresent()) {
            return null;
        }
        return sort.comparator();
    }

    /** The projection to apply to each result, or null for whole documents. */
    BiFunction<BsonDocument, MatchDetails, BsonDocument> projection() {
        if (projection.isEmpty()) {
            return null;
        }
        return (document, details) -> {
            try {
                return projection.apply(document, details);
            } catch (MongoServerException e) {
                if (e.codeName().startsWith("Location")) {
                    MongoServerException wrapped = MongoServerException.location(
                            e.code(), "Executor error during find command :: caused by :: " + e.getMessage());
                    wrapped.extra().putAll(e.extra());
                    throw wrapped;
                }
                throw e;
            }
        };
    }

    Plan plan(CollectionInfo collection) {
        if (collection == null) {
            return Plan.collectionScan(false);
        }
        if (sort.naturalDirection().isPresent() && hint == null) {
            return Plan.collectionScan(sort.naturalDirection().get() == SortDirection.DESCENDING);
        }
        return Planner.plan(collection, filter.spec(), sortSpec, hint);
    }

    QueryRun run(CollectionInfo collection) {
        return new QueryRun(collection, plan(collection), filter, comparator(), skip, limit, projection());
    }
}
