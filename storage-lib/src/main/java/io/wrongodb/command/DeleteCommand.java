package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * {@code delete}: each statement {@code {q, limit: 0|1, hint?}} removes the documents its filter matches (all of
 * them, or the first), in one transaction per statement. Replies {@code {n, writeErrors?}}.
 */
public final class DeleteCommand implements Command {
    private final Store store;

    public DeleteCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "delete";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        Arguments args = new Arguments(request);
        List<BsonValue> deletes = args.array("deletes");
        InsertCommand.checkBatchSize(deletes.size());
        boolean ordered = args.bool("ordered", true);
        BsonDocument writeConcern = args.document("writeConcern", null);
        WriteErrors errors = new WriteErrors();
        long removed = 0;
        for (int i = 0; i < deletes.size(); i++) {
            try {
                BsonDocument statement = statement(deletes.get(i));
                Filter filter = Filter.parse(statement.getDocument("q"));
                Collation.requireSimple(statement.get("collation"));
                long limit = statement.get("limit").asNumber().longValue();
                BsonValue hint = statement.get("hint");
                removed += store.write(ns, false, writeConcern, tx -> {
                    if (tx.collection() == null) {
                        return 0;
                    }
                    int n = 0;
                    for (BsonDocument doc : Store.matching(tx.session(), tx.collection(), filter, hint, limit)) {
                        store.writer().delete(tx.session(), tx.collection(), doc);
                        n++;
                    }
                    return n;
                });
            } catch (MongoServerException e) {
                errors.add(i, e);
                if (ordered) {
                    break;
                }
            }
        }
        return errors.appendTo(new BsonDocument("n", new BsonInt32((int) removed)));
    }

    private static BsonDocument statement(BsonValue value) {
        if (!value.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH, "BSON field 'delete.deletes' is the wrong type, expected object");
        }
        BsonDocument statement = value.asDocument();
        BsonValue q = statement.get("q");
        if (q == null) {
            throw MongoServerException.location(40414, "BSON field 'delete.deletes.q' is missing but a required field");
        }
        if (!q.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'delete.deletes.q' is the wrong type '" + io.wrongodb.bson.TypeNames.of(q)
                            + "', expected type 'object'");
        }
        BsonValue limit = statement.get("limit");
        if (limit == null) {
            throw MongoServerException.location(
                    40414, "BSON field 'delete.deletes.limit' is missing but a required field");
        }
        if (!limit.isNumber()
                || (limit.asNumber().longValue() != 0 && limit.asNumber().longValue() != 1)) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "The limit field in delete objects must be 0 or 1. Got " + limit);
        }
        return statement;
    }
}
