package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** {@code dropDatabase}: drops every collection of the database; replies {@code {dropped: <db>}}. */
public final class DropDatabaseCommand implements Command {
    private final Store store;

    public DropDatabaseCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "dropDatabase";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace.checkDatabaseName(request.database());
        for (CollectionInfo info : store.catalog().collections(request.database())) {
            store.catalog().drop(info.namespace());
        }
        for (io.wrongodb.catalog.ViewDefinition view : store.catalog().views(request.database())) {
            store.catalog().drop(view.namespace());
        }
        return new BsonDocument("dropped", new BsonString(request.database()));
    }
}
