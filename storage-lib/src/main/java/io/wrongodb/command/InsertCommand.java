package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * {@code insert}: each document in its own transaction (created collection first if needed); {@code ordered}
 * (the default) stops at the first failure, unordered goes on. Replies {@code {n, writeErrors?}}.
 */
public final class InsertCommand implements Command {
    static final int MAX_WRITE_BATCH = 100_000;
    private final Store store;

    public InsertCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "insert";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        Arguments args = new Arguments(request);
        List<BsonValue> documents = args.array("documents");
        checkBatchSize(documents.size());
        boolean ordered = args.bool("ordered", true);
        BsonDocument writeConcern = args.document("writeConcern", null);
        if (ns.isSystem()) {
            throw new MongoServerException(ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: " + ns.full());
        }
        WriteErrors errors = new WriteErrors();
        int inserted = 0;
        for (int i = 0; i < documents.size(); i++) {
            BsonValue document = documents.get(i);
            try {
                if (!document.isDocument()) {
                    throw args.wrongType("documents." + i, document, "[object]");
                }
                store.write(ns, true, writeConcern, tx -> store.writer()
                        .insert(tx.session(), tx.collection(), document.asDocument()));
                inserted++;
            } catch (MongoServerException e) {
                errors.add(i, e);
                if (ordered) {
                    break;
                }
            }
        }
        return errors.appendTo(new BsonDocument("n", new BsonInt32(inserted)));
    }

    static void checkBatchSize(int size) {
        if (size < 1 || size > MAX_WRITE_BATCH) {
            throw new MongoServerException(
                    ErrorCode.INVALID_LENGTH,
                    "Write batch sizes must be between 1 and " + MAX_WRITE_BATCH + ". Got " + size + " operations.");
        }
    }
}
