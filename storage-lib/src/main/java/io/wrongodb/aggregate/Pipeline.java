package io.wrongodb.aggregate;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Projection;
import io.wrongodb.query.SortOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * A parsed aggregation pipeline. {@link #leadingMatch} is the filter of the {@code $match} stages it starts with,
 * for the caller to answer with the query planner; {@link #apply} runs the stages after them.
 */
public final class Pipeline {
    private final BsonDocument leadingMatch;
    private final List<Stage> stages;

    private Pipeline(BsonDocument leadingMatch, List<Stage> stages) {
        this.leadingMatch = leadingMatch;
        this.stages = stages;
    }

    /** Parses the stages; an unknown stage is MongoDB's 40324. */
    public static Pipeline parse(List<BsonValue> pipeline) {
        BsonArray clauses = new BsonArray();
        List<Stage> stages = new ArrayList<>();
        boolean leading = true;
        for (BsonValue value : pipeline) {
            if (!value.isDocument() || value.asDocument().size() != 1) {
                throw MongoServerException.location(
                        40323, "A pipeline stage specification object must contain exactly one field.");
            }
            String name = value.asDocument().getFirstKey();
            BsonValue spec = value.asDocument().get(name);
            if (leading && name.equals("$match")) {
                Filter.parse(document(name, spec));
                clauses.add(spec);
                continue;
            }
            leading = false;
            stages.add(stage(name, spec));
        }
        BsonDocument match = clauses.isEmpty()
                ? new BsonDocument()
                : clauses.size() == 1 ? clauses.get(0).asDocument() : new BsonDocument("$and", clauses);
        return new Pipeline(match, stages);
    }

    public BsonDocument leadingMatch() {
        return leadingMatch;
    }

    /** Runs the stages after the leading {@code $match} over {@code input} (the documents that match it). */
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> documents = input;
        for (Stage stage : stages) {
            documents = stage.apply(documents);
        }
        return documents;
    }

    private static BsonDocument document(String stage, BsonValue spec) {
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

    private static Stage stage(String name, BsonValue spec) {
        return switch (name) {
            case "$match" -> {
                Filter filter = Filter.parse(document(name, spec));
                yield in -> in.stream().filter(filter::matches).toList();
            }
            case "$sort" -> {
                SortOrder order = SortOrder.parse(document(name, spec));
                yield in -> {
                    List<BsonDocument> sorted = new ArrayList<>(in);
                    sorted.sort(order.comparator());
                    return sorted;
                };
            }
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
            case "$group" -> group(document(name, spec));
            case "$unwind" -> unwind(spec);
            default -> throw MongoServerException.location(40324, "Unrecognized pipeline stage name: '" + name + "'");
        };
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
                        setPath(projected, field.getKey(), value);
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
                    setPath(copy, field.getKey(), value);
                }
                out.add(copy);
            }
            return out;
        };
    }

    /**
     * Sets a computed field, its name possibly dotted: a missing or non-document field on the way becomes a new
     * document, as in MongoDB. Documents on the path are copied, so {@code document} shares none it changes. A null
     * value (missing) removes the field. A path through an array is not supported.
     */
    private static void setPath(BsonDocument document, String name, BsonValue value) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            if (value == null) {
                document.remove(name);
            } else {
                document.put(name, value);
            }
            return;
        }
        String head = name.substring(0, dot);
        BsonValue current = document.get(head);
        if (current != null && current.isArray()) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "a computed field through an array is not supported by WrongoDB");
        }
        if (value == null && (current == null || !current.isDocument())) {
            return;
        }
        BsonDocument next =
                current != null && current.isDocument() ? current.asDocument().clone() : new BsonDocument();
        setPath(next, name.substring(dot + 1), value);
        document.put(head, next);
    }

    private static Stage group(BsonDocument spec) {
        if (!spec.containsKey("_id")) {
            throw MongoServerException.location(15955, "a group specification must include an _id");
        }
        Expression id = Expression.parse(spec.get("_id"));
        Map<String, String> operators = new LinkedHashMap<>();
        Map<String, Expression> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
            if (field.getKey().equals("_id")) {
                continue;
            }
            BsonValue accumulator = field.getValue();
            if (!accumulator.isDocument() || accumulator.asDocument().size() != 1) {
                throw MongoServerException.location(
                        40234, "The field '" + field.getKey() + "' must be an accumulator object");
            }
            String operator = accumulator.asDocument().getFirstKey();
            Accumulator.of(operator);
            operators.put(field.getKey(), operator);
            arguments.put(
                    field.getKey(),
                    Accumulator.argument(operator, accumulator.asDocument().get(operator)));
        }
        return in -> {
            List<BsonValue> keys = new ArrayList<>();
            List<Map<String, Accumulator>> groups = new ArrayList<>();
            for (BsonDocument d : in) {
                BsonValue key = id.evaluate(d);
                BsonValue groupKey = key == null ? BsonNull.VALUE : key;
                int at = -1;
                for (int i = 0; i < keys.size(); i++) {
                    if (BsonOrder.INSTANCE.compare(keys.get(i), groupKey) == 0) {
                        at = i;
                        break;
                    }
                }
                if (at < 0) {
                    keys.add(groupKey);
                    Map<String, Accumulator> fresh = new LinkedHashMap<>();
                    operators.forEach((f, op) -> fresh.put(f, Accumulator.of(op)));
                    groups.add(fresh);
                    at = keys.size() - 1;
                }
                for (Map.Entry<String, Accumulator> acc : groups.get(at).entrySet()) {
                    acc.getValue().add(arguments.get(acc.getKey()).evaluate(d));
                }
            }
            List<BsonDocument> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                BsonDocument result = new BsonDocument("_id", keys.get(i));
                groups.get(i).forEach((f, acc) -> result.append(f, acc.result()));
                out.add(result);
            }
            return out;
        };
    }

    private static Stage unwind(BsonValue spec) {
        String path;
        boolean keepEmpty = false;
        String indexField = null;
        if (spec.isString()) {
            path = spec.asString().getValue();
        } else if (spec.isDocument() && spec.asDocument().containsKey("path")) {
            path = spec.asDocument().getString("path").getValue();
            keepEmpty = spec.asDocument()
                    .getBoolean("preserveNullAndEmptyArrays", org.bson.BsonBoolean.FALSE)
                    .getValue();
            if (spec.asDocument().containsKey("includeArrayIndex")) {
                indexField = spec.asDocument().getString("includeArrayIndex").getValue();
            }
        } else {
            throw MongoServerException.location(
                    15981,
                    "expected either a string or an object as specification for $unwind stage, got "
                            + spec.getBsonType().name().toLowerCase());
        }
        if (!path.startsWith("$")) {
            throw MongoServerException.location(
                    28818, "path option to $unwind stage should be prefixed with a '$': " + path);
        }
        String field = path.substring(1);
        if (field.contains(".")) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "$unwind of a dotted path is not supported by WrongoDB");
        }
        boolean preserve = keepEmpty;
        String index = indexField;
        return in -> {
            List<BsonDocument> out = new ArrayList<>();
            for (BsonDocument d : in) {
                BsonValue v = d.get(field);
                if (v != null && v.isArray() && !v.asArray().isEmpty()) {
                    for (int i = 0; i < v.asArray().size(); i++) {
                        BsonDocument copy = d.clone();
                        copy.put(field, v.asArray().get(i));
                        if (index != null) {
                            copy.put(index, new BsonInt64(i));
                        }
                        out.add(copy);
                    }
                } else if (v != null && !v.isArray() && !v.isNull()) {
                    BsonDocument copy = d.clone();
                    if (index != null) {
                        copy.put(index, BsonNull.VALUE);
                    }
                    out.add(copy);
                } else if (preserve) {
                    BsonDocument copy = d.clone();
                    if (v != null && v.isArray()) {
                        copy.remove(field);
                    }
                    if (index != null) {
                        copy.put(index, BsonNull.VALUE);
                    }
                    out.add(copy);
                }
            }
            return out;
        };
    }
}
