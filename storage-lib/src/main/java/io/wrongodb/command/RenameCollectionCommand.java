package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;

/**
 * {@code renameCollection} (admin only): {@code {renameCollection: "db.a", to: "db.b", dropTarget?}}. The
 * collection keeps its UUID, documents and indexes.
 */
public final class RenameCollectionCommand implements Command {
    private final Store store;

    public RenameCollectionCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "renameCollection";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.database().equals("admin")) {
            throw new MongoServerException(
                    ErrorCode.UNAUTHORIZED, "renameCollection may only be run against the admin database.");
        }
        Arguments args = new Arguments(request);
        Namespace from = Namespace.parse(args.string("renameCollection", ""));
        String target = args.string("to", null);
        if (target == null) {
            throw MongoServerException.location(
                    40414, "BSON field 'renameCollection.to' is missing but a required field");
        }
        Namespace to = Namespace.parse(target);
        if (from.equals(to)) {
            throw new MongoServerException(ErrorCode.ILLEGAL_OPERATION, "Can't rename a collection to itself");
        }
        store.catalog().rename(from, to, args.bool("dropTarget", false));
        return new BsonDocument();
    }
}
