package io.wrongodb.aggregate;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * {@code $merge: {into, on?, whenMatched?, whenNotMatched?}} (last stage only): writes each result into the target
 * collection, matched with an existing document by the {@code on} fields ({@code _id} by default; other fields need
 * a unique index on exactly them, 51183). When matched: {@code merge} (the default: the result's fields set on the
 * existing document), {@code replace}, {@code keepExisting} or {@code fail} (DuplicateKey); when not matched:
 * {@code insert} (the default), {@code discard} or {@code fail} (13113). Each document is written in its own
 * transaction, as MongoDB's batches are not atomic either. Outputs nothing. A pipeline as {@code whenMatched} is
 * not supported.
 */
final class MergeStage implements Stage {
    private static final Set<String> WHEN_MATCHED = Set.of("merge", "replace", "keepExisting", "fail");
    private static final Set<String> WHEN_NOT_MATCHED = Set.of("insert", "discard", "fail");

    private final CollectionAccess access;
    private final String database;
    private final String collection;
    private final List<String> on;
    private final String whenMatched;
    private final String whenNotMatched;

    private MergeStage(
            CollectionAccess access,
            String database,
            String collection,
            List<String> on,
            String whenMatched,
            String whenNotMatched) {
        this.access = access;
        this.database = database;
        this.collection = collection;
        this.on = on;
        this.whenMatched = whenMatched;
        this.whenNotMatched = whenNotMatched;
    }

    static MergeStage parse(BsonValue spec, CollectionAccess access) {
        String database = access == null ? null : access.database();
        if (spec.isString()) {
            return new MergeStage(access, database, spec.asString().getValue(), List.of("_id"), "merge", "insert");
        }
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    51182, "$merge only supports a string or object argument, not " + TypeNames.of(spec));
        }
        String collection = null;
        List<String> on = List.of("_id");
        String whenMatched = "merge";
        String whenNotMatched = "insert";
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "into" -> {
                    if (v.isDocument()) {
                        for (Map.Entry<String, BsonValue> part : v.asDocument().entrySet()) {
                            switch (part.getKey()) {
                                case "db" -> database = OutStage.string("db", part.getValue());
                                case "coll" -> collection = OutStage.string("coll", part.getValue());
                                default ->
                                    throw MongoServerException.location(
                                            40415, "BSON field 'into." + part.getKey() + "' is an unknown field.");
                            }
                        }
                    } else if (v.isString()) {
                        collection = v.asString().getValue();
                    } else {
                        throw MongoServerException.location(
                                51178,
                                "$merge 'into' field  must be either a string or an object, but found "
                                        + TypeNames.of(v));
                    }
                }
                case "on" -> on = onFields(v);
                case "whenMatched" -> {
                    if (v.isArray()) {
                        throw new MongoServerException(
                                ErrorCode.NOT_IMPLEMENTED,
                                "$merge with a pipeline as whenMatched is not supported by WrongoDB");
                    }
                    whenMatched = mode("whenMatched", v, WHEN_MATCHED);
                }
                case "whenNotMatched" -> whenNotMatched = mode("whenNotMatched", v, WHEN_NOT_MATCHED);
                case "let" -> {
                    throw new MongoServerException(
                            ErrorCode.NOT_IMPLEMENTED, "$merge with 'let' is not supported by WrongoDB");
                }
                default ->
                    throw MongoServerException.location(
                            40415, "BSON field '$merge." + option.getKey() + "' is an unknown field.");
            }
        }
        if (collection == null) {
            throw MongoServerException.location(40414, "BSON field '$merge.into' is missing but a required field");
        }
        return new MergeStage(access, database, collection, on, whenMatched, whenNotMatched);
    }

    private static List<String> onFields(BsonValue v) {
        if (!v.isArray() && !v.isString()) {
            throw MongoServerException.location(
                    51186,
                    "$merge 'on' field  must be either a string or an array of strings, but found " + TypeNames.of(v));
        }
        List<BsonValue> names = v.isArray() ? v.asArray().getValues() : List.of(v);
        if (names.isEmpty()) {
            throw MongoServerException.location(
                    51187, "If explicitly specifying $merge 'on', must include at least one field");
        }
        Set<String> fields = new LinkedHashSet<>();
        for (BsonValue name : names) {
            if (!name.isString()) {
                throw MongoServerException.location(
                        51134, "$merge 'on' array elements must be strings, but found " + TypeNames.of(name));
            }
            fields.add(name.asString().getValue());
        }
        return new ArrayList<>(fields);
    }

    private static String mode(String field, BsonValue v, Set<String> allowed) {
        if (!v.isString()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field '$merge." + field + "' is the wrong type '" + TypeNames.of(v)
                            + "', expected type 'string'");
        }
        String mode = v.asString().getValue();
        if (!allowed.contains(mode)) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE,
                    "Enumeration value '" + mode + "' for field '$merge." + field + "' is not a valid value.");
        }
        return mode;
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        boolean byId = on.equals(List.of("_id"));
        if (!byId && !access.hasUniqueIndex(database, collection, new LinkedHashSet<>(on))) {
            throw MongoServerException.location(51183, "Cannot find index to verify that join fields will be unique");
        }
        for (BsonDocument result : input) {
            BsonDocument document = result;
            if (byId && !document.containsKey("_id")) {
                document = new BsonDocument("_id", new BsonObjectId(new ObjectId()));
                document.putAll(result);
            }
            BsonDocument match = new BsonDocument();
            for (String field : on) {
                BsonValue value = DottedPath.get(document, field);
                if (value == null || value.isNull() || value.isArray() || value.getBsonType() == BsonType.UNDEFINED) {
                    throw MongoServerException.location(
                            51132,
                            "$merge write error: 'on' field '" + field
                                    + "' cannot be missing, null, undefined or an array");
                }
                match.append(field, new BsonDocument("$eq", value));
            }
            BsonDocument incoming = document;
            access.writeOne(database, collection, match, existing -> decide(existing, incoming));
        }
        return List.of();
    }

    /** What to store for {@code incoming} given the matching document (null if none); null stores nothing. */
    private BsonDocument decide(BsonDocument existing, BsonDocument incoming) {
        if (existing == null) {
            return switch (whenNotMatched) {
                case "insert" -> incoming;
                case "discard" -> null;
                default ->
                    throw MongoServerException.location(
                            13113,
                            "$merge could not find a matching document in the target collection for at least one"
                                    + " document in the source collection");
            };
        }
        return switch (whenMatched) {
            case "keepExisting" -> null;
            case "fail" ->
                throw new MongoServerException(
                                ErrorCode.DUPLICATE_KEY,
                                "E11000 duplicate key error collection: " + database + "." + collection
                                        + " index: _id_ dup key: { _id: " + ShellFormat.of(existing.get("_id"))
                                        + " }")
                        .with("keyPattern", new BsonDocument("_id", new org.bson.BsonInt32(1)))
                        .with("keyValue", new BsonDocument("_id", existing.get("_id")));
            case "replace" -> withExistingId(existing, incoming);
            default -> {
                BsonDocument merged = existing.clone();
                incoming.forEach((name, value) -> {
                    if (!name.equals("_id")) {
                        merged.put(name, value);
                    }
                });
                checkSameId(existing, incoming);
                yield merged;
            }
        };
    }

    private static BsonDocument withExistingId(BsonDocument existing, BsonDocument incoming) {
        checkSameId(existing, incoming);
        BsonDocument replacement = new BsonDocument("_id", existing.get("_id"));
        incoming.forEach((name, value) -> {
            if (!name.equals("_id")) {
                replacement.append(name, value);
            }
        });
        return replacement;
    }

    private static void checkSameId(BsonDocument existing, BsonDocument incoming) {
        BsonValue id = incoming.get("_id");
        if (id != null && BsonOrder.INSTANCE.compare(id, existing.get("_id")) != 0) {
            throw new MongoServerException(
                    ErrorCode.IMMUTABLE_FIELD,
                    "$merge failed to update the matching document, did you attempt to modify the _id or the shard"
                            + " key? :: caused by :: Performing an update on the path '_id' would modify the immutable"
                            + " field '_id'");
        }
    }
}
