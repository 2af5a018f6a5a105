package io.wrongodb.command;

import io.wrongodb.aggregate.Pipeline;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.catalog.ViewDefinition;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
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
        if (options.containsKey("viewOn") || options.containsKey("pipeline")) {
            createView(ns, options);
            return new BsonDocument();
        }
        refuseWhatIsNotImplemented(options);
        store.catalog().create(ns, options);
        return new BsonDocument();
    }

    /** {@code {create: v, viewOn: c, pipeline: [...]}}: checks the definition as MongoDB does and stores the view. */
    private void createView(Namespace ns, BsonDocument options) {
        BsonValue viewOn = options.get("viewOn");
        if (viewOn == null) {
            throw new MongoServerException(ErrorCode.BAD_VALUE, "'pipeline' requires 'viewOn' to also be specified");
        }
        if (!viewOn.isString()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'create.viewOn' is the wrong type '" + TypeNames.of(viewOn)
                            + "', expected type 'string'");
        }
        if (viewOn.asString().getValue().isEmpty()) {
            throw new MongoServerException(ErrorCode.BAD_VALUE, "'viewOn' cannot be empty");
        }
        BsonValue pipeline = options.get("pipeline", new BsonArray());
        if (!pipeline.isArray()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'create.pipeline' is the wrong type '" + TypeNames.of(pipeline)
                            + "', expected type 'array'");
        }
        List<BsonDocument> stages = new ArrayList<>();
        for (BsonValue stage : pipeline.asArray()) {
            if (!stage.isDocument()) {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH, "Each element of the 'pipeline' array must be an object");
            }
            String name = stage.asDocument().isEmpty() ? "" : stage.asDocument().getFirstKey();
            if (name.equals("$out") || name.equals("$merge")) {
                throw new MongoServerException(
                        ErrorCode.OPTION_NOT_SUPPORTED_ON_VIEW, name + " cannot be used in a view definition");
            }
            stages.add(stage.asDocument());
        }
        ViewDefinition view = new ViewDefinition(ns, viewOn.asString().getValue(), stages);
        Namespace source = view.source();
        Pipeline.parse(new ArrayList<>(stages), new PipelineCollections(store, source.database(), source.collection()));
        Collation.requireSimple(options.get("collation"));
        store.catalog().createView(view);
    }

    /**
     * Time series, capped collections and validators change what reads and writes do; storing such an
     * option without its behaviour would answer differently from MongoDB without saying so, so they are refused.
     */
    private static void refuseWhatIsNotImplemented(BsonDocument options) {
        for (String option : List.of("timeseries", "validator", "capped", "encryptedFields")) {
            BsonValue value = options.get(option);
            boolean asked = value != null
                    && !(value.isBoolean() && !value.asBoolean().getValue())
                    && !(value.isDocument() && value.asDocument().isEmpty());
            if (asked) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "creating a collection with '" + option + "' is not supported by WrongoDB");
            }
        }
        Collation.requireSimple(options.get("collation"));
    }
}
