package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * {@code drop}: removes a collection and its indexes. As in MongoDB 7.0, dropping a collection that does not exist
 * succeeds.
 */
public final class DropCommand implements Command {
    private final Store store;

    public DropCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        CollectionInfo info = store.catalog().collection(ns).orElse(null);
        if (info == null) {
            store.catalog().drop(ns); // a view, or nothing: MongoDB answers ok either way
            return new BsonDocument();
        }
        if (!store.catalog().drop(ns)) {
            return new BsonDocument();
        }
        return new BsonDocument("nIndexesWas", new BsonInt32(info.indexes().size() + 1))
                .append("ns", new BsonString(ns.full()));
    }
}
