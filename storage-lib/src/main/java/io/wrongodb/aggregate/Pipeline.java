package io.wrongodb.aggregate;

import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Projection;
import io.wrongodb.query.SortOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * A parsed aggregation pipeline. {@link #leadingMatch} is the filter of the {@code $match} stages it starts with,
 * for the caller to answer with the query planner; {@link #apply} runs the stages after them. A pipeline that starts
 * with a stage producing its own documents ({@code $collStats}, {@code $documents}) does not read its collection
 * ({@link #readsCollection}). Stages that read or write other collections do so through a {@link CollectionAccess}.
 */
public final class Pipeline {
    /** Where a pipeline stands: at the top of a command, or inside a stage (which restricts its stages). */
    enum Place {
        TOP,
        FACET,
        LOOKUP,
        UNION_WITH
    }

    private static final Set<String> FIRST_ONLY = Set.of("$collStats", "$documents");
    private static final Set<String> LAST_ONLY = Set.of("$out", "$merge");
    private static final Set<String> NOT_IN_FACET =
            Set.of("$collStats", "$documents", "$facet", "$out", "$merge", "$indexStats", "$changeStream");

    private final BsonDocument leadingMatch;
    private final List<Stage> stages;
    private final List<BsonDocument> stageSpecs;
    private final boolean readsCollection;

    private Pipeline(
            BsonDocument leadingMatch, List<Stage> stages, List<BsonDocument> stageSpecs, boolean readsCollection) {
        this.leadingMatch = leadingMatch;
        this.stages = stages;
        this.stageSpecs = stageSpecs;
        this.readsCollection = readsCollection;
    }

    /** Parses the stages of a pipeline that reads and writes no other collection (for explain). */
    public static Pipeline parse(List<BsonValue> pipeline) {
        return parse(pipeline, null);
    }

    /** Parses the stages; an unknown stage is MongoDB's 40324. {@code access} serves the stages that need it. */
    public static Pipeline parse(List<BsonValue> pipeline, CollectionAccess access) {
        return parse(pipeline, access, Place.TOP);
    }

    static Pipeline parse(List<BsonValue> pipeline, CollectionAccess access, Place place) {
        BsonArray clauses = new BsonArray();
        List<Stage> stages = new ArrayList<>();
        List<BsonDocument> specs = new ArrayList<>();
        boolean leading = true;
        boolean readsCollection = true;
        for (int i = 0; i < pipeline.size(); i++) {
            BsonValue value = pipeline.get(i);
            if (!value.isDocument() || value.asDocument().size() != 1) {
                throw MongoServerException.location(
                        40323, "A pipeline stage specification object must contain exactly one field.");
            }
            String name = value.asDocument().getFirstKey();
            BsonValue spec = value.asDocument().get(name);
            checkPlace(name, place, i, pipeline.size());
            if (leading && name.equals("$match")) {
                Filter.parse(document(name, spec));
                clauses.add(spec);
                continue;
            }
            leading = false;
            if (FIRST_ONLY.contains(name)) {
                readsCollection = false;
            }
            stages.add(stage(name, spec, access));
            specs.add(value.asDocument());
        }
        BsonDocument match = clauses.isEmpty()
                ? new BsonDocument()
                : clauses.size() == 1 ? clauses.get(0).asDocument() : new BsonDocument("$and", clauses);
        return new Pipeline(match, stages, specs, readsCollection);
    }

    /** Refuses a stage where MongoDB does: inside a stage that does not allow it, or out of its position. */
    private static void checkPlace(String name, Place place, int position, int size) {
        if (place == Place.FACET && NOT_IN_FACET.contains(name)) {
            throw MongoServerException.location(40600, name + " is not allowed to be used within a $facet stage");
        }
        if (place == Place.LOOKUP && LAST_ONLY.contains(name)) {
            throw MongoServerException.location(51047, name + " is not allowed to be used within a $lookup stage");
        }
        if (place == Place.UNION_WITH && LAST_ONLY.contains(name)) {
            throw MongoServerException.location(31441, name + " is not allowed within a $unionWith's sub-pipeline");
        }
        if (FIRST_ONLY.contains(name) && position != 0) {
            throw MongoServerException.location(40602, name + " is only valid as the first stage in a pipeline");
        }
        if (LAST_ONLY.contains(name) && position != size - 1) {
            throw MongoServerException.location(40601, name + " can only be the final stage in the pipeline");
        }
    }

    public BsonDocument leadingMatch() {
        return leadingMatch;
    }

    /** False when the first stage makes its own documents, so the collection need not be read. */
    public boolean readsCollection() {
        return readsCollection;
    }

    /** The stages after the leading {@code $match}, as written. */
    public List<BsonDocument> stagesAfterMatch() {
        return stageSpecs;
    }

    /** Runs the stages after the leading {@code $match} over {@code input} (the documents that match it). */
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> documents = input;
        for (Stage stage : stages) {
            documents = stage.apply(documents);
        }
        return documents;
    }

    /** Runs the whole pipeline, leading {@code $match} included, over documents in memory. */
    List<BsonDocument> run(List<BsonDocument> input) {
        if (!readsCollection) {
            return apply(List.of());
        }
        if (leadingMatch.isEmpty()) {
            return apply(input);
        }
        Filter filter = Filter.parse(leadingMatch);
        return apply(input.stream().filter(filter::matches).toList());
    }

    /** Runs the whole pipeline over a collection of the database, its leading {@code $match} read with the planner. */
    List<BsonDocument> runOn(CollectionAccess access, String collection) {
        return apply(readsCollection ? access.read(collection, leadingMatch) : List.of());
    }

    static BsonDocument document(String stage, BsonValue spec) {
        if (!spec.isDocument()) {
            throw MongoServerException.location(15959, "the " + stage + " specification must be an object");
        }
        return spec.asDocument();
    }

    private static long count(String stage, BsonValue spec) {
        if (!spec.isNumber()) {
            throw MongoServerException.location(15956, "the " + stage + " must be specified as a number");
        }
        long n = spec.asNumber().longValue();
        if (n < 0 || (stage.equals("$limit") && n == 0)) {
            throw MongoServerException.location(
                    stage.equals("$limit") ? 15958 : 15956,
                    stage.equals("$limit") ? "the limit must be positive" : "the $skip must be positive");
        }
        return n;
    }

    private static Stage stage(String name, BsonValue spec, CollectionAccess access) {
        return switch (name) {
            case "$match" -> {
                Filter filter = Filter.parse(document(name, spec));
                yield in -> in.stream().filter(filter::matches).toList();
            }
            case "$sort" -> sort(document(name, spec));
            case "$skip" -> {
                long n = count(name, spec);
                yield in -> in.subList((int) Math.min(n, in.size()), in.size());
            }
            case "$limit" -> {
                long n = count(name, spec);
                yield in -> in.subList(0, (int) Math.min(n, in.size()));
            }
            case "$count" -> {
                if (!spec.isString() || spec.asString().getValue().isEmpty()) {
                    throw MongoServerException.location(40156, "the count field must be a non-empty string");
                }
                String field = spec.asString().getValue();
                yield in -> in.isEmpty() ? List.of() : List.of(new BsonDocument(field, new BsonInt32(in.size())));
            }
            case "$project" -> project(document(name, spec));
            case "$addFields", "$set" -> addFields(document(name, spec));
            case "$unset" -> {
                BsonDocument exclusion = new BsonDocument();
                List<BsonValue> fields = spec.isArray() ? spec.asArray().getValues() : List.of(spec);
                for (BsonValue field : fields) {
                    exclusion.append(field.asString().getValue(), new BsonInt32(0));
                }
                Projection projection = Projection.parse(exclusion);
                yield in -> in.stream().map(d -> projection.apply(d, null)).toList();
            }
            case "$group" -> GroupStage.parse(document(name, spec));
            case "$unwind" -> UnwindStage.parse(spec);
            case "$replaceRoot", "$replaceWith" -> ReplaceRootStage.parse(name, spec);
            case "$sortByCount" -> sortByCount(spec);
            case "$sample" -> SampleStage.parse(spec);
            case "$bucket" -> BucketStage.parse(spec);
            case "$bucketAuto" -> BucketAutoStage.parse(spec);
            case "$facet" -> FacetStage.parse(spec, access);
            case "$lookup" -> LookupStage.parse(spec, access);
            case "$unionWith" -> UnionWithStage.parse(spec, access);
            case "$out" -> OutStage.parse(spec, access);
            case "$merge" -> MergeStage.parse(spec, access);
            case "$collStats" -> CollStatsStage.parse(spec, access);
            case "$documents" -> DocumentsStage.parse(spec);
            default -> throw MongoServerException.location(40324, "Unrecognized pipeline stage name: '" + name + "'");
        };
    }

    private static Stage sort(BsonDocument spec) {
        SortOrder order = SortOrder.parse(spec);
        return in -> {
            List<BsonDocument> sorted = new ArrayList<>(in);
            sorted.sort(order.comparator());
            return sorted;
        };
    }

    /** {@code $sortByCount}: a {@code $group} on the expression counting documents, then a sort by count descending. */
    private static Stage sortByCount(BsonValue spec) {
        if (spec.isDocument()) {
            if (spec.asDocument().isEmpty() || !spec.asDocument().getFirstKey().startsWith("$")) {
                throw MongoServerException.location(
                        40147,
                        "the sortByCount field must be defined as a $-prefixed path or an expression inside an object");
            }
        } else if (spec.isString()) {
            if (!spec.asString().getValue().startsWith("$")) {
                throw MongoServerException.location(
                        40148,
                        "the sortByCount field must be defined as a $-prefixed path or an expression inside an object");
            }
        } else {
            throw MongoServerException.location(
                    40149, "the sortByCount field must be specified as a string or as an object");
        }
        Expression key = Expression.parse(spec);
        Stage group =
                GroupStage.by(key::evaluate, new BsonDocument("count", new BsonDocument("$sum", new BsonInt32(1))));
        Stage sort = sort(new BsonDocument("count", new BsonInt32(-1)));
        return in -> sort.apply(group.apply(in));
    }

    /** {@code $project}: inclusion and exclusion as in find; fields whose value is an expression are computed. */
    private static Stage project(BsonDocument spec) {
        BsonDocument plain = new BsonDocument();
        Map<String, Expression> computed = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
            BsonValue v = field.getValue();
            boolean flag = v.isNumber() || v.isBoolean();
            if (flag) {
                plain.append(field.getKey(), v);
            } else {
                computed.put(field.getKey(), Expression.parse(v));
            }
        }
        if (computed.isEmpty()) {
            Projection projection = Projection.parse(plain);
            return in -> in.stream().map(d -> projection.apply(d, null)).toList();
        }
        boolean excludesId = plain.containsKey("_id") && !isTrue(plain.get("_id"));
        boolean onlyId = plain.isEmpty() || (plain.size() == 1 && plain.containsKey("_id"));
        Projection projection = onlyId ? null : Projection.parse(plain);
        return in -> {
            List<BsonDocument> out = new ArrayList<>();
            for (BsonDocument d : in) {
                BsonDocument projected;
                if (projection != null) {
                    projected = projection.apply(d, null);
                } else {
                    projected = new BsonDocument();
                    if (!excludesId && d.containsKey("_id")) {
                        projected.append("_id", d.get("_id"));
                    }
                }
                for (Map.Entry<String, Expression> field : computed.entrySet()) {
                    BsonValue value = field.getValue().evaluate(d);
                    if (value != null) {
                        DottedPath.set(projected, field.getKey(), value);
                    }
                }
                out.add(projected);
            }
            return out;
        };
    }

    private static boolean isTrue(BsonValue v) {
        return v.isBoolean() ? v.asBoolean().getValue() : v.asNumber().doubleValue() != 0;
    }

    private static Stage addFields(BsonDocument spec) {
        Map<String, Expression> fields = new LinkedHashMap<>();
        spec.forEach((name, value) -> fields.put(name, Expression.parse(value)));
        return in -> {
            List<BsonDocument> out = new ArrayList<>();
            for (BsonDocument d : in) {
                BsonDocument copy = d.clone();
                for (Map.Entry<String, Expression> field : fields.entrySet()) {
                    BsonValue value = field.getValue().evaluate(d);
                    DottedPath.set(copy, field.getKey(), value);
                }
                out.add(copy);
            }
            return out;
        };
    }
}
