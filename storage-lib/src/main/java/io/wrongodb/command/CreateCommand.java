package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

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
        refuseWhatIsNotImplemented(options);
        store.catalog().create(ns, options);
        return new BsonDocument();
    }

    /**
     * Views, time series, capped collections and validators change what reads and writes do; storing such an
     * option without its behaviour would answer differently from MongoDB without saying so, so they are refused.
     */
    private static void refuseWhatIsNotImplemented(BsonDocument options) {
        for (String option : List.of("viewOn", "pipeline", "timeseries", "validator", "capped", "encryptedFields")) {
            BsonValue value = options.get(option);
            boolean asked = value != null
                    && !(value.isBoolean() && !value.asBoolean().getValue())
                    && !(value.isDocument() && value.asDocument().isEmpty());
            if (asked) {
                String what = option.equals("pipeline") ? "viewOn" : option;
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "creating a collection with '" + what + "' is not supported by WrongoDB"
                                + (what.equals("viewOn") ? " (views are not implemented)" : ""));
            }
        }
        Collation.requireSimple(options.get("collation"));
    }
}
