package io.wrongodb.command;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code collMod}: with no option it checks the collection exists and changes nothing, as in mongod. Every option
 * mongod 7.0 knows is parsed, but none can take effect yet, so each answers 238 NotImplemented rather than ok:
 * hidden indexes would need the planner to skip them, TTL a reaper, validators enforcement on every write, views and
 * time series collections do not exist. Setting document validation to what already holds (an empty
 * {@code validator} on a collection without one, {@code validationLevel: "strict"}, {@code validationAction:
 * "error"} where none was set) is a no-op and answers ok. An index option naming no index is 27 IndexNotFound; an
 * unknown field is 40415, as mongod's IDL parser words it.
 */
public final class CollModCommand implements Command {
    private static final Set<String> OPTIONS = Set.of(
            "index",
            "validator",
            "validationLevel",
            "validationAction",
            "viewOn",
            "pipeline",
            "recordPreImages",
            "changeStreamPreAndPostImages",
            "expireAfterSeconds",
            "timeseries",
            "dryRun",
            "cappedSize",
            "cappedMax");

    private final Store store;

    public CollModCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "collMod";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        for (String field : request.body().keySet()) {
            boolean generic = field.startsWith("$")
                    || field.equals(name())
                    || (CreateCommand.GENERIC_FIELDS.contains(field) && !field.equals("create"));
            if (!generic && !OPTIONS.contains(field)) {
                throw MongoServerException.location(40415, "BSON field 'collMod." + field + "' is an unknown field.");
            }
        }
        BsonDocument body = request.body();
        if (store.catalog().view(ns).isPresent()) {
            // no option at all is a no-op on a view too; changing a view's definition is not implemented
            for (String option : OPTIONS) {
                if (body.containsKey(option)) {
                    throw new MongoServerException(
                            ErrorCode.NOT_IMPLEMENTED,
                            "collMod option '" + option + "' on a view is not supported by WrongoDB");
                }
            }
            return new BsonDocument();
        }
        CollectionInfo info = store.catalog().require(ns);
        if (body.containsKey("index")) {
            checkIndexOption(info, body.get("index"));
        }
        checkValidationUnchanged(info, body);
        for (String option : OPTIONS) {
            if (body.containsKey(option) && !isValidationOption(option) && !option.equals("index")) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED, "collMod option '" + option + "' is not supported by WrongoDB");
            }
        }
        return new BsonDocument();
    }

    private static boolean isValidationOption(String option) {
        return option.equals("validator") || option.equals("validationLevel") || option.equals("validationAction");
    }

    /** {@code index: {name | keyPattern, hidden | expireAfterSeconds | ...}}: the index must exist; no change works. */
    private static void checkIndexOption(CollectionInfo info, BsonValue value) {
        if (!value.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'collMod.index' is the wrong type '" + TypeNames.of(value)
                            + "', expected type 'object'");
        }
        BsonDocument index = value.asDocument();
        BsonValue name = index.get("name");
        BsonValue keyPattern = index.get("keyPattern");
        if (name != null && keyPattern != null) {
            throw new MongoServerException(ErrorCode.INVALID_OPTIONS, "Cannot specify both key pattern and name.");
        }
        if (name == null && keyPattern == null) {
            throw new MongoServerException(ErrorCode.INVALID_OPTIONS, "Must specify either index name or key pattern.");
        }
        boolean found;
        String shown;
        if (name != null) {
            shown = name.isString() ? name.asString().getValue() : name.toString();
            found = shown.equals("_id_") || info.index(shown).isPresent();
        } else {
            shown = keyPattern.toString();
            found = keyPattern.isDocument()
                    && (isIdPattern(keyPattern.asDocument())
                            || info.indexes().stream().map(IndexSpec::key).anyMatch(keyPattern::equals));
        }
        if (!found) {
            throw new MongoServerException(
                    ErrorCode.INDEX_NOT_FOUND,
                    "cannot find index " + shown + " for ns " + info.namespace().full());
        }
        for (String field : index.keySet()) {
            if (!field.equals("name") && !field.equals("keyPattern")) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "collMod index option '" + field + "' is not supported by WrongoDB: the planner does not skip"
                                + " hidden indexes and there are no TTL or unique conversions");
            }
        }
        throw new MongoServerException(
                ErrorCode.INVALID_OPTIONS,
                "no expireAfterSeconds, hidden, prepareUnique, unique, or forceNonUnique" + " field");
    }

    private static boolean isIdPattern(BsonDocument pattern) {
        return pattern.size() == 1
                && pattern.containsKey("_id")
                && pattern.get("_id").isNumber()
                && pattern.get("_id").asNumber().doubleValue() == 1;
    }

    /** Validation options are accepted only when they restate what holds already: nothing to enforce changes. */
    private static void checkValidationUnchanged(CollectionInfo info, BsonDocument body) {
        BsonDocument options = info.options();
        BsonValue validator = body.get("validator");
        if (validator != null) {
            BsonValue current = options.get("validator");
            boolean unchanged = validator.isDocument()
                    && validator.asDocument().isEmpty()
                    && (current == null
                            || (current.isDocument() && current.asDocument().isEmpty()));
            if (!unchanged) {
                throw notEnforced("validator");
            }
        }
        unchangedOrRefused(body, options, "validationLevel", "strict");
        unchangedOrRefused(body, options, "validationAction", "error");
    }

    private static void unchangedOrRefused(BsonDocument body, BsonDocument options, String field, String fallback) {
        BsonValue requested = body.get(field);
        if (requested == null) {
            return;
        }
        BsonValue current = options.get(field);
        String holds =
                current != null && current.isString() ? current.asString().getValue() : fallback;
        if (!requested.isString() || !requested.asString().getValue().equals(holds)) {
            throw notEnforced(field);
        }
    }

    private static MongoServerException notEnforced(String option) {
        return new MongoServerException(
                ErrorCode.NOT_IMPLEMENTED,
                "collMod option '" + option + "' is not supported by WrongoDB: document validation is not enforced");
    }
}
