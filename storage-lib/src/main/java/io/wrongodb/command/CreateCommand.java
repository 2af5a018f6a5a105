package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import java.util.Set;
import org.bson.BsonDocument;

/** {@code create}: makes an empty collection with the options given; NamespaceExists (48) if it exists. */
public final class CreateCommand implements Command {
    /** Fields of the command that are about the request, not options of the collection. */
    static final Set<String> GENERIC_FIELDS = Set.of(
            "create",
            "writeConcern",
            "lsid",
            "txnNumber",
            "comment",
            "apiVersion",
            "apiStrict",
            "apiDeprecationErrors",
            "maxTimeMS",
            "readConcern",
            "readPreference");

    private final Store store;

    public CreateCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "create";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        BsonDocument options = new BsonDocument();
        request.body().forEach((field, value) -> {
            if (!field.startsWith("$") && !GENERIC_FIELDS.contains(field)) {
                options.append(field, value);
            }
        });
        store.catalog().create(ns, options);
        return new BsonDocument();
    }
}
