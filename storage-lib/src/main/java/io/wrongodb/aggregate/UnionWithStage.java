package io.wrongodb.aggregate;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $unionWith: "coll"} or {@code {coll, pipeline?}}: the input, followed by the documents of another collection
 * of the database passed through the sub-pipeline (whose leading {@code $match} is read with the planner).
 */
final class UnionWithStage implements Stage {
    private final CollectionAccess access;
    private final String collection;
    private final Pipeline pipeline;

    private UnionWithStage(CollectionAccess access, String collection, Pipeline pipeline) {
        this.access = access;
        this.collection = collection;
        this.pipeline = pipeline;
    }

    static UnionWithStage parse(BsonValue spec, CollectionAccess access) {
        if (spec.isString()) {
            return new UnionWithStage(access, spec.asString().getValue(), Pipeline.parse(List.of(), access));
        }
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    ErrorCode.FAILED_TO_PARSE.code(),
                    "the $unionWith stage specification must be an object or string, but found " + TypeNames.of(spec));
        }
        String collection = null;
        List<BsonValue> stages = List.of();
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "coll" -> {
                    if (!v.isString()) {
                        throw new MongoServerException(
                                ErrorCode.TYPE_MISMATCH,
                                "BSON field '$unionWith.coll' is the wrong type '" + TypeNames.of(v)
                                        + "', expected type 'string'");
                    }
                    collection = v.asString().getValue();
                }
                case "pipeline" -> {
                    if (!v.isArray()) {
                        throw new MongoServerException(
                                ErrorCode.TYPE_MISMATCH,
                                "BSON field '$unionWith.pipeline' is the wrong type '" + TypeNames.of(v)
                                        + "', expected type 'array'");
                    }
                    stages = v.asArray().getValues();
                }
                default ->
                    throw MongoServerException.location(
                            40415, "BSON field '$unionWith." + option.getKey() + "' is an unknown field.");
            }
        }
        if (collection == null
                && (stages.isEmpty()
                        || !stages.get(0).isDocument()
                        || !stages.get(0).asDocument().containsKey("$documents"))) {
            throw MongoServerException.location(40414, "BSON field '$unionWith.coll' is missing but a required field");
        }
        CollectionAccess unioned = access == null || collection == null ? access : access.on(collection);
        return new UnionWithStage(access, collection, Pipeline.parse(stages, unioned, Pipeline.Place.UNION_WITH));
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> out = new ArrayList<>(input);
        out.addAll(collection == null ? pipeline.apply(List.of()) : pipeline.runOn(access, collection));
        return out;
    }
}
