package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Projection;
import io.wrongodb.query.SortOrder;
import io.wrongodb.query.Update;
import java.util.List;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code findAndModify}: updates or removes the first document the query matches (in {@code sort} order) and
 * returns it as it was, or as it became with {@code new: true}, projected by {@code fields}. With {@code upsert}
 * inserts when nothing matches. Replies {@code {lastErrorObject: {n, updatedExisting?, upserted?}, value}}.
 */
public final class FindAndModifyCommand implements Command {
    private final Store store;

    public FindAndModifyCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "findAndModify";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("findandmodify");
    }

    private record Result(BsonDocument lastError, BsonValue value) {}

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Namespace.of(
                request.database(),
                request.body().get(request.name()).asString().getValue());
        Arguments args = new Arguments(request);
        Filter filter = Filter.parse(args.document("query", new BsonDocument()));
        SortOrder sort = SortOrder.parse(args.document("sort", new BsonDocument()));
        Projection fields = Projection.parse(args.document("fields", new BsonDocument()));
        boolean remove = args.bool("remove", false);
        boolean returnNew = args.bool("new", false);
        boolean upsert = args.bool("upsert", false);
        BsonValue u = request.body().get("update");
        if (remove && u != null) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "Cannot specify both an update and remove=true");
        }
        if (!remove && u == null) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "Either an update or remove=true must be specified");
        }
        if (remove && upsert) {
            throw new MongoServerException(
                    // sic: MongoDB 7.0's message ends with a space
                    ErrorCode.FAILED_TO_PARSE, "Cannot specify both upsert=true and remove=true ");
        }
        if (remove && returnNew) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
        }
        if (remove && request.body().containsKey("arrayFilters")) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "Cannot specify arrayFilters and remove=true");
        }
        Update update = remove ? null : DocumentUpdate.parse(u, request.body().get("arrayFilters"));
        DocumentUpdate applier = remove ? null : new DocumentUpdate(store, filter, update);
        Collation.requireSimple(request.body().get("collation"));
        BsonValue hint = request.body().get("hint");
        Result result = store.write(ns, upsert, args.document("writeConcern", null), tx -> {
            if (tx.collection() == null) {
                BsonDocument lastError = new BsonDocument("n", new BsonInt32(0));
                if (!remove) {
                    lastError.append("updatedExisting", BsonBoolean.FALSE);
                }
                return new Result(lastError, BsonNull.VALUE);
            }
            List<BsonDocument> found =
                    Store.matching(tx.session(), tx.collection(), filter, hint, sort.isEmpty() ? 1 : 0);
            if (!sort.isEmpty()) {
                found.sort(sort.comparator());
            }
            if (found.isEmpty()) {
                if (upsert) {
                    BsonDocument inserted = applier.upsert(tx);
                    BsonDocument lastError = new BsonDocument("n", new BsonInt32(1))
                            .append("updatedExisting", BsonBoolean.FALSE)
                            .append("upserted", inserted.get("_id"));
                    return new Result(lastError, returnNew ? project(fields, inserted) : BsonNull.VALUE);
                }
                BsonDocument lastError = new BsonDocument("n", new BsonInt32(0));
                if (!remove) {
                    lastError.append("updatedExisting", BsonBoolean.FALSE);
                }
                return new Result(lastError, BsonNull.VALUE);
            }
            BsonDocument target = found.get(0);
            if (remove) {
                store.writer().delete(tx.session(), tx.collection(), target);
                return new Result(new BsonDocument("n", new BsonInt32(1)), project(fields, target));
            }
            BsonDocument after = applier.apply(tx, target);
            BsonDocument lastError =
                    new BsonDocument("n", new BsonInt32(1)).append("updatedExisting", BsonBoolean.TRUE);
            BsonDocument shown = returnNew ? (after == null ? target : after) : target;
            return new Result(lastError, project(fields, shown));
        });
        return new BsonDocument("lastErrorObject", result.lastError()).append("value", result.value());
    }

    private static BsonValue project(Projection fields, BsonDocument document) {
        return fields.isEmpty() ? document : fields.apply(document, null);
    }
}
