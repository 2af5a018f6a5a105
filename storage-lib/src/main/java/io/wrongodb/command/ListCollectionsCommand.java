package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.catalog.ViewDefinition;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Results;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * {@code listCollections}: the collections of one database, by name, as a cursor whose first batch holds them all.
 * Each is {@code {name, type, options, info: {readOnly, uuid}, idIndex}}, or {@code {name, type}} with
 * {@code nameOnly}; {@code filter} applies to those documents.
 */
public final class ListCollectionsCommand implements Command {
    private final Store store;

    public ListCollectionsCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "listCollections";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace.checkDatabaseName(request.database());
        Arguments args = new Arguments(request);
        Filter filter = Filter.parse(args.document("filter", new BsonDocument()));
        boolean nameOnly = args.bool("nameOnly", false);
        List<BsonDocument> found = new ArrayList<>();
        for (CollectionInfo info : store.catalog().collections(request.database())) {
            BsonDocument entry = new BsonDocument(
                            "name", new BsonString(info.namespace().collection()))
                    .append("type", new BsonString("collection"));
            if (!nameOnly) {
                entry.append("options", info.options().clone())
                        .append(
                                "info",
                                new BsonDocument("readOnly", BsonBoolean.FALSE).append("uuid", info.uuidBinary()))
                        .append(
                                "idIndex",
                                new BsonDocument("v", new BsonInt32(2))
                                        .append("key", new BsonDocument("_id", new BsonInt32(1)))
                                        .append("name", new BsonString("_id_")));
            }
            if (filter.spec().isEmpty() || filter.matches(entry)) {
                found.add(entry);
            }
        }
        for (ViewDefinition view : store.catalog().views(request.database())) {
            BsonDocument entry = new BsonDocument(
                            "name", new BsonString(view.namespace().collection()))
                    .append("type", new BsonString("view"));
            if (!nameOnly) {
                entry.append("options", view.options()).append("info", new BsonDocument("readOnly", BsonBoolean.TRUE));
            }
            if (filter.spec().isEmpty() || filter.matches(entry)) {
                found.add(entry);
            }
        }
        found.sort(
                java.util.Comparator.comparing(entry -> entry.getString("name").getValue()));
        long batchSize = args.cursorBatchSize();
        String ns = request.database() + ".$cmd.listCollections";
        return CursorCommands.firstBatch(
                store, ns, Results.of(found), (int) Math.min(batchSize, Integer.MAX_VALUE), false);
    }
}
