package io.wrongodb.aggregate;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $out: "coll"} or {@code {db, coll}} (last stage only): replaces the contents of the target collection by
 * the pipeline's results, keeping its indexes; the results go to a temporary collection first, renamed over the
 * target once all are written, so a failure (a duplicate key, say) leaves the target as it was. Outputs nothing.
 */
final class OutStage implements Stage {
    private final CollectionAccess access;
    private final String database;
    private final String collection;

    private OutStage(CollectionAccess access, String database, String collection) {
        this.access = access;
        this.database = database;
        this.collection = collection;
    }

    static OutStage parse(BsonValue spec, CollectionAccess access) {
        String database = access == null ? null : access.database();
        if (spec.isString()) {
            return new OutStage(access, database, spec.asString().getValue());
        }
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    16990, "$out only supports a string or object argument, but found " + TypeNames.of(spec));
        }
        String collection = null;
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "db" -> database = string("db", v);
                case "coll" -> collection = string("coll", v);
                default ->
                    throw MongoServerException.location(
                            40415, "BSON field '$out." + option.getKey() + "' is an unknown field.");
            }
        }
        if (collection == null) {
            throw MongoServerException.location(40414, "BSON field '$out.coll' is missing but a required field");
        }
        return new OutStage(access, database, collection);
    }

    static String string(String field, BsonValue v) {
        if (!v.isString()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field '" + field + "' is the wrong type '" + TypeNames.of(v) + "', expected type 'string'");
        }
        return v.asString().getValue();
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        access.replaceContents(database, collection, input);
        return List.of();
    }
}
