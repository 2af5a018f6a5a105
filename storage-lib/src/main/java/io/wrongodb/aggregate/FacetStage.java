package io.wrongodb.aggregate;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $facet: {name: [stages], ...}}: each sub-pipeline runs over the same input, and the output is one document
 * whose fields hold each sub-pipeline's results. Stages that write, make their own documents or nest a facet are
 * refused inside it (40600), as MongoDB refuses them.
 */
final class FacetStage implements Stage {
    private final Map<String, Pipeline> facets;

    private FacetStage(Map<String, Pipeline> facets) {
        this.facets = facets;
    }

    static FacetStage parse(BsonValue spec, CollectionAccess access) {
        if (!spec.isDocument()) {
            throw MongoServerException.location(15947, "a facet's fields must be specified in an object");
        }
        if (spec.asDocument().isEmpty()) {
            throw MongoServerException.location(40169, "the $facet specification must be a non-empty object");
        }
        Map<String, Pipeline> facets = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> facet : spec.asDocument().entrySet()) {
            String name = facet.getKey();
            BsonValue stages = facet.getValue();
            if (!stages.isArray()) {
                throw MongoServerException.location(
                        40170, "arguments to $facet must be arrays, " + name + " is type " + TypeNames.of(stages));
            }
            for (BsonValue stage : stages.asArray()) {
                if (!stage.isDocument()) {
                    throw MongoServerException.location(
                            40171,
                            "all elements of arguments to $facet must be objects, but " + name + " contained an"
                                    + " element of type " + TypeNames.of(stage) + ": " + stage);
                }
            }
            if (stages.asArray().isEmpty()) {
                throw new MongoServerException(ErrorCode.BAD_VALUE, "sub-pipeline in $facet stage cannot be empty");
            }
            facets.put(name, Pipeline.parse(stages.asArray().getValues(), access, Pipeline.Place.FACET));
        }
        return new FacetStage(facets);
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        BsonDocument out = new BsonDocument();
        facets.forEach((name, pipeline) -> out.append(name, new BsonArray(pipeline.run(input))));
        return List.of(out);
    }
}
