package io.wrongodb.command;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.MatchDetails;
import io.wrongodb.query.Update;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One update applied inside a write's transaction, shared by {@code update} and {@code findAndModify}: to one
 * matched document (kept as is when the update changes nothing, as MongoDB's nModified counts), or as an upsert
 * that inserts the query's equality fields with the update applied.
 */
final class DocumentUpdate {
    private final Store store;
    private final Filter filter;
    private final Update update;

    DocumentUpdate(Store store, Filter filter, Update update) {
        this.store = store;
        this.filter = filter;
        this.update = update;
    }

    /** Parses the {@code u} of an update statement; pipelines are not supported. */
    static Update parse(BsonValue u, BsonValue arrayFilters) {
        if (u == null) {
            throw MongoServerException.location(40414, "BSON field 'update.updates.u' is missing but a required field");
        }
        if (u.isArray()) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "pipeline-style updates are not supported by WrongoDB");
        }
        if (!u.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "Update argument must be either an object or an array");
        }
        List<BsonDocument> filters = new ArrayList<>();
        if (arrayFilters != null && !arrayFilters.isNull()) {
            if (!arrayFilters.isArray()) {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH, "BSON field 'arrayFilters' is the wrong type, expected type 'array'");
            }
            for (BsonValue f : arrayFilters.asArray()) {
                if (!f.isDocument()) {
                    throw new MongoServerException(ErrorCode.TYPE_MISMATCH, "arrayFilters entries must be objects");
                }
                filters.add(f.asDocument());
            }
        }
        Update parsed = Update.parse(u.asDocument(), filters);
        if (parsed.isReplacement() && !filters.isEmpty()) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "arrayFilters may not be specified for replacement-style updates");
        }
        return parsed;
    }

    /**
     * The document after the update, or null when the update leaves {@code document} byte for byte unchanged (an
     * int replaced by an equal double is a change, as in MongoDB).
     */
    BsonDocument apply(Store.Tx tx, BsonDocument document) {
        MatchDetails details = new MatchDetails();
        filter.matches(document, details);
        BsonDocument after = update.apply(document, details, false);
        if (Arrays.equals(DocumentBytes.encode(after), DocumentBytes.encode(document))) {
            return null;
        }
        store.writer().replace(tx.session(), tx.collection(), document, after);
        return after;
    }

    /** Inserts the upsert's document and returns it. */
    BsonDocument upsert(Store.Tx tx) {
        BsonDocument seed = Update.upsertSeed(filter.spec());
        BsonDocument inserted;
        if (update.isReplacement()) {
            inserted = update.apply(
                    seed.containsKey("_id") ? new BsonDocument("_id", seed.get("_id")) : new BsonDocument(),
                    null,
                    true);
        } else {
            inserted = update.apply(seed, null, true);
        }
        return store.writer().insert(tx.session(), tx.collection(), inserted);
    }
}
