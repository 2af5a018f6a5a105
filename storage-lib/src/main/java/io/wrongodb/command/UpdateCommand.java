package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Update;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * {@code update}: each statement {@code {q, u, upsert?, multi?, arrayFilters?, hint?}} in one transaction. Replies
 * {@code {n, nModified, upserted?, writeErrors?}}: n counts matched documents (and upserts), nModified the ones the
 * update changed.
 */
public final class UpdateCommand implements Command {
    private final Store store;

    public UpdateCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "update";
    }

    private record Outcome(int matched, int modified, BsonValue upsertedId) {}

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        Arguments args = new Arguments(request);
        List<BsonValue> updates = args.array("updates");
        InsertCommand.checkBatchSize(updates.size());
        boolean ordered = args.bool("ordered", true);
        BsonDocument writeConcern = args.document("writeConcern", null);
        WriteErrors errors = new WriteErrors();
        int matched = 0;
        int modified = 0;
        BsonArray upserted = new BsonArray();
        for (int i = 0; i < updates.size(); i++) {
            try {
                if (!updates.get(i).isDocument()) {
                    throw args.wrongType("updates." + i, updates.get(i), "[object]");
                }
                BsonDocument statement = updates.get(i).asDocument();
                BsonValue q = statement.get("q");
                if (q == null || !q.isDocument()) {
                    throw new MongoServerException(
                            ErrorCode.TYPE_MISMATCH,
                            "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
                }
                Filter filter = Filter.parse(q.asDocument());
                Update update = DocumentUpdate.parse(statement.get("u"), statement.get("arrayFilters"));
                boolean multi = statement.getBoolean("multi", BsonBoolean.FALSE).getValue();
                boolean upsert =
                        statement.getBoolean("upsert", BsonBoolean.FALSE).getValue();
                if (multi && update.isReplacement()) {
                    throw new MongoServerException(
                            ErrorCode.FAILED_TO_PARSE, "multi update is not supported for replacement-style update");
                }
                Collation.requireSimple(statement.get("collation"));
                DocumentUpdate applier = new DocumentUpdate(store, filter, update);
                BsonValue hint = statement.get("hint");
                Outcome outcome = store.write(ns, upsert, writeConcern, tx -> {
                    if (tx.collection() == null) {
                        return new Outcome(0, 0, null);
                    }
                    List<BsonDocument> found =
                            Store.matching(tx.session(), tx.collection(), filter, hint, multi ? 0 : 1);
                    if (found.isEmpty() && upsert) {
                        return new Outcome(1, 0, applier.upsert(tx).get("_id"));
                    }
                    int changed = 0;
                    for (BsonDocument document : found) {
                        if (applier.apply(tx, document) != null) {
                            changed++;
                        }
                    }
                    return new Outcome(found.size(), changed, null);
                });
                matched += outcome.matched();
                modified += outcome.modified();
                if (outcome.upsertedId() != null) {
                    upserted.add(new BsonDocument("index", new BsonInt32(i)).append("_id", outcome.upsertedId()));
                }
            } catch (MongoServerException e) {
                errors.add(i, e);
                if (ordered) {
                    break;
                }
            }
        }
        BsonDocument reply = new BsonDocument("n", new BsonInt32(matched));
        if (!upserted.isEmpty()) {
            reply.append("upserted", upserted);
        }
        reply.append("nModified", new BsonInt32(modified));
        return errors.appendTo(reply);
    }
}
