package io.wrongodb.aggregate;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $lookup}: adds to each document, in the field {@code as}, the array of documents of collection {@code from}
 * that it joins with. Three forms, as in MongoDB 7.0:
 *
 * <ul>
 *   <li>{@code localField}/{@code foreignField}: the foreign documents whose {@code foreignField} equals one of the
 *       values of {@code localField} (every element when it is an array; null when it is missing, which also
 *       matches foreign documents that lack the field) — read as {@code {foreignField: {$in: values}}}, so an index
 *       on the foreign field is used;
 *   <li>{@code let}/{@code pipeline}: the results of the sub-pipeline over the foreign collection, {@code $$name}
 *       standing for the variables computed from the document;
 *   <li>both: the sub-pipeline runs over the documents the equality selects.
 * </ul>
 */
final class LookupStage implements Stage {
    private static final int PARSED_PIPELINES_KEPT = 1024;

    private final CollectionAccess access;
    private final String from;
    private final String as;
    private final String localField;
    private final String foreignField;
    private final LetVariables let;
    private final List<BsonValue> pipeline;
    private final Map<BsonDocument, Pipeline> parsed = new HashMap<>();

    private LookupStage(
            CollectionAccess access,
            String from,
            String as,
            String localField,
            String foreignField,
            LetVariables let,
            List<BsonValue> pipeline) {
        this.access = access;
        this.from = from;
        this.as = as;
        this.localField = localField;
        this.foreignField = foreignField;
        this.let = let;
        this.pipeline = pipeline;
    }

    static LookupStage parse(BsonValue spec, CollectionAccess access) {
        BsonDocument options = Pipeline.document("$lookup", spec);
        String from = null;
        String as = null;
        String localField = null;
        String foreignField = null;
        BsonDocument let = null;
        List<BsonValue> pipeline = null;
        for (Map.Entry<String, BsonValue> option : options.entrySet()) {
            String name = option.getKey();
            BsonValue v = option.getValue();
            switch (name) {
                case "from" -> from = string(name, v);
                case "as" -> as = string(name, v);
                case "localField" -> localField = string(name, v);
                case "foreignField" -> foreignField = string(name, v);
                case "let" -> {
                    if (!v.isDocument()) {
                        throw new MongoServerException(
                                ErrorCode.FAILED_TO_PARSE,
                                "$lookup argument 'let' must be an object, is type " + TypeNames.of(v));
                    }
                    let = v.asDocument();
                }
                case "pipeline" -> {
                    if (!v.isArray()) {
                        throw new MongoServerException(
                                ErrorCode.FAILED_TO_PARSE, "'pipeline' option must be specified as an array");
                    }
                    pipeline = v.asArray().getValues();
                }
                default ->
                    throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "unknown argument to $lookup: " + name);
            }
        }
        if (as == null) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "must specify 'as' field for a $lookup");
        }
        if (from == null && pipeline == null) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "must specify 'from' field for a $lookup");
        }
        if ((localField == null) != (foreignField == null)) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
        }
        if (localField == null && pipeline == null) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
        }
        if (let != null && pipeline == null) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "$lookup with 'let' requires a 'pipeline' argument");
        }
        LetVariables variables = LetVariables.parse(let == null ? new BsonDocument() : let);
        LookupStage stage = new LookupStage(access, from, as, localField, foreignField, variables, pipeline);
        if (pipeline != null) {
            stage.subPipeline(new BsonDocument());
        }
        return stage;
    }

    private static String string(String name, BsonValue v) {
        if (!v.isString()) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "$lookup argument '" + name + ": " + v + "' must be a string, is type " + TypeNames.of(v));
        }
        return v.asString().getValue();
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> out = new ArrayList<>(input.size());
        for (BsonDocument d : input) {
            BsonDocument joined = d.clone();
            DottedPath.set(joined, as, new BsonArray(matches(d)));
            out.add(joined);
        }
        return out;
    }

    private List<BsonDocument> matches(BsonDocument d) {
        BsonDocument equality = localField == null ? null : equality(d);
        if (pipeline == null) {
            return access.read(from, equality);
        }
        Pipeline sub = subPipeline(let.valuesFor(d));
        if (!sub.readsCollection() || from == null) {
            return sub.apply(List.of());
        }
        BsonDocument filter = sub.leadingMatch();
        if (equality != null) {
            filter = filter.isEmpty() ? equality : new BsonDocument("$and", new BsonArray(List.of(equality, filter)));
        }
        return sub.apply(access.read(from, filter));
    }

    private BsonDocument equality(BsonDocument d) {
        List<BsonValue> values = FieldValues.of(d, localField);
        if (values.isEmpty()) {
            values = List.of(BsonNull.VALUE);
        }
        return new BsonDocument(foreignField, new BsonDocument("$in", new BsonArray(values)));
    }

    /** The sub-pipeline for these variable values, parsed once per distinct values (a bounded number kept). */
    private Pipeline subPipeline(BsonDocument values) {
        Pipeline known = parsed.get(values);
        if (known != null) {
            return known;
        }
        List<BsonValue> stages = new ArrayList<>(pipeline.size());
        for (BsonValue stage : pipeline) {
            stages.add(let.isEmpty() ? stage : let.substitute(stage, values));
        }
        CollectionAccess foreign = access == null || from == null ? access : access.on(from);
        Pipeline sub = Pipeline.parse(stages, foreign, Pipeline.Place.LOOKUP);
        if (parsed.size() >= PARSED_PIPELINES_KEPT) {
            parsed.clear();
        }
        parsed.put(values, sub);
        return sub;
    }
}
