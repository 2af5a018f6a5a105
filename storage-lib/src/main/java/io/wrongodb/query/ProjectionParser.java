package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Reads a find projection into a tree of paths, deciding whether it is an inclusion or an exclusion and rejecting
 * what MongoDB 7.0 rejects, with its codes and messages. The checks run in MongoDB's order, field by field, so a
 * projection with several mistakes reports the same one MongoDB does.
 */
final class ProjectionParser {
    /** A level of the projection's paths: each name leads to a deeper level or to a {@link Leaf}. */
    static final class PathNode {
        final Map<String, Object> children = new LinkedHashMap<>();
    }

    /** What a projection does at the end of one path. */
    sealed interface Leaf {}

    record Include() implements Leaf {}

    record Exclude() implements Leaf {}

    record Computed(ComputedField field) implements Leaf {}

    record Slice(Integer skip, int limit) implements Leaf {}

    record Positional() implements Leaf {}

    /** The parse's result: the paths, and whether the projection includes or excludes. */
    record Parsed(PathNode root, boolean inclusion, boolean positional) {}

    private enum Type {
        INCLUSION,
        EXCLUSION
    }

    private final PathNode root = new PathNode();
    private Type type;
    private boolean idSpecified;
    private boolean idIncludedEntirely;
    private boolean idExcludedEntirely;
    private boolean hasPositional;
    private boolean hasElemMatch;
    private boolean hasFindSlice;
    // A constant aggregation $slice that fails when evaluated: MongoDB evaluates it once parsing is done.
    private MongoServerException evaluationError;

    static Parsed parse(BsonDocument spec) {
        return new ProjectionParser().parseSpec(spec);
    }

    private Parsed parseSpec(BsonDocument spec) {
        for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
            String name = field.getKey();
            idSpecified |= name.equals("_id") || name.startsWith("_id.");
            parseElement(name, field.getValue(), root);
        }
        if (evaluationError != null) {
            throw evaluationError;
        }
        if (type == null) {
            type = defaultType();
        }
        if (!idSpecified && type == Type.INCLUSION) {
            root.children.put("_id", new Include());
        }
        if (type == Type.EXCLUSION && idIncludedEntirely) {
            root.children.remove("_id");
        }
        return new Parsed(root, type == Type.INCLUSION, hasPositional);
    }

    /** MongoDB's rules for a projection with no plain inclusion or exclusion besides {@code _id}. */
    private Type defaultType() {
        if (hasFindSlice) {
            return idIncludedEntirely ? Type.INCLUSION : Type.EXCLUSION;
        }
        if (hasElemMatch || idIncludedEntirely) {
            return Type.INCLUSION;
        }
        return Type.EXCLUSION;
    }

    private void parseElement(String name, BsonValue value, PathNode parent) {
        boolean positional = name.endsWith(".$");
        if (name.contains(".$.")) {
            throw MongoServerException.location(
                    31394,
                    "As of 4.4, it's illegal to specify positional operator in the middle of a path.Positional"
                            + " projection may only be used at the end, for example: a.b.$. If the query previously"
                            + " used a form like a.b.$.d, remove the parts following the '$' and the results will"
                            + " be equivalent.");
        }
        if (value.isDocument()) {
            if (positional) {
                throw MongoServerException.location(
                        31271, "positional projection cannot be used with an expression or sub object");
            }
            parseSubDocument(name, value.asDocument(), parent);
        } else if (value.isBoolean() || SafeNumbers.isNumber(value)) {
            if (SafeNumbers.isTrue(value)) {
                parseInclusion(name, parent);
            } else {
                if (positional) {
                    throw MongoServerException.location(31395, "positional projection cannot be used with exclusion");
                }
                parseExclusion(name, parent);
            }
        } else {
            if (positional) {
                throw MongoServerException.location(31308, "positional projection cannot be used with a literal");
            }
            parseLiteral(name, value, parent);
        }
    }

    private void parseInclusion(String name, PathNode parent) {
        boolean topLevelId = name.equals("_id") && parent == root;
        if (!name.endsWith(".$")) {
            addLeaf(parent, FieldPath.parse(name), new Include());
            idIncludedEntirely |= topLevelId;
        } else {
            if (hasPositional) {
                throw MongoServerException.location(
                        31276, "Cannot specify more than one positional projection per query.");
            }
            if (hasElemMatch) {
                throw MongoServerException.location(31256, "Cannot specify positional operator and $elemMatch.");
            }
            if (name.equals(".$")) {
                throw MongoServerException.location(5392900, "Projection on field " + name + " is invalid");
            }
            addLeaf(parent, FieldPath.parse(name.substring(0, name.length() - 2)), new Positional());
            hasPositional = true;
        }
        if (!topLevelId) {
            if (type == Type.EXCLUSION) {
                throw MongoServerException.location(
                        31253, "Cannot do inclusion on field " + name + " in exclusion projection");
            }
            type = Type.INCLUSION;
        }
    }

    private void parseExclusion(String name, PathNode parent) {
        addLeaf(parent, FieldPath.parse(name), new Exclude());
        if (name.equals("_id") && parent == root) {
            idExcludedEntirely = true;
        } else {
            if (type == Type.INCLUSION) {
                throw MongoServerException.location(
                        31254, "Cannot do exclusion on field " + name + " in inclusion projection");
            }
            type = Type.EXCLUSION;
        }
    }

    private void parseLiteral(String name, BsonValue value, PathNode parent) {
        List<String> path = FieldPath.parse(name);
        addLeaf(parent, path, new Computed(ComputedField.expression(Expression.parse(value))));
        if (type == Type.EXCLUSION) {
            throw MongoServerException.location(
                    31310, "Cannot use an expression " + BsonText.element(name, value) + " in an exclusion projection");
        }
        type = Type.INCLUSION;
    }

    private void parseSubDocument(String name, BsonDocument document, PathNode parent) {
        if (document.isEmpty()) {
            throw MongoServerException.location(
                    51270, "An empty sub-projection is not a valid value. Found empty object at path");
        }
        List<String> path = FieldPath.parse(name);
        if (document.size() == 1 && document.getFirstKey().startsWith("$")) {
            String operator = document.getFirstKey();
            BsonValue argument = document.get(operator);
            switch (operator) {
                case "$slice" -> {
                    parseSlice(path, document, parent);
                    return;
                }
                case "$elemMatch" -> {
                    parseElemMatch(path, argument, parent);
                    return;
                }
                case "$id", "$ref", "$db" -> {
                    // Valid field names: a sub-projection on a DBRef field, handled below.
                }
                default -> {
                    parseOperatorExpression(path, operator, argument, parent);
                    return;
                }
            }
        }
        PathNode level = innerNodeAt(parent, path);
        if (level == null) {
            level = new PathNode();
            addLeafOrLevel(parent, path, level);
        }
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            parseElement(field.getKey(), field.getValue(), level);
        }
    }

    /** An aggregation operator such as {@code {$literal: v}} or {@code {$add: ["$a", 1]}}; {@code $meta} is not supported. */
    private void parseOperatorExpression(List<String> path, String operator, BsonValue argument, PathNode parent) {
        if (operator.equals("$meta")) {
            throw new MongoServerException(ErrorCode.NOT_IMPLEMENTED, "$meta is not supported in a projection");
        }
        Expression expression = Expression.parse(new BsonDocument(operator, argument));
        addComputedExpression(path, ComputedField.expression(expression), parent);
    }

    /** Adds an aggregation expression: allowed in an inclusion, and it makes an undecided projection one. */
    private void addComputedExpression(List<String> path, ComputedField field, PathNode parent) {
        if (type == Type.EXCLUSION) {
            throw MongoServerException.location(
                    31252, "Cannot use expression other than $meta in exclusion projection");
        }
        if (type == null) {
            type = Type.INCLUSION;
        }
        addLeaf(parent, path, new Computed(field));
    }

    private void parseSlice(List<String> path, BsonDocument sliceSpec, PathNode parent) {
        MongoServerException findSyntaxError;
        try {
            addLeaf(parent, path, findSlice(sliceSpec.get("$slice")));
            hasFindSlice = true;
            return;
        } catch (MongoServerException e) {
            findSyntaxError = e;
        }
        // MongoDB then tries the aggregation operator $slice, and reports its error with the find() one.
        try {
            parseAggregationSlice(path, sliceSpec.get("$slice"), parent);
        } catch (MongoServerException e) {
            String context = "Invalid $slice syntax. The given syntax " + BsonText.value(sliceSpec)
                    + " did not match the find() syntax because :: " + findSyntaxError.codeName() + ": "
                    + findSyntaxError.getMessage()
                    + " :: The given syntax did not match the expression $slice syntax.";
            throw withContext(e, context);
        }
    }

    private static Slice findSlice(BsonValue argument) {
        if (SafeNumbers.isNumber(argument)) {
            return new Slice(null, SafeNumbers.toInt(argument));
        }
        if (!argument.isArray()) {
            throw MongoServerException.location(31273, "$slice only supports numbers and [skip, limit] arrays");
        }
        List<BsonValue> arguments = argument.asArray().getValues();
        if (arguments.size() != 2) {
            throw MongoServerException.location(31272, "$slice array argument should be of form [skip, limit]");
        }
        BsonValue skip = arguments.get(0);
        BsonValue limit = arguments.get(1);
        if (!SafeNumbers.isNumber(skip)) {
            throw MongoServerException.location(
                    31257, "$slice expects the skip argument to be a number, got " + BsonText.typeName(skip));
        }
        if (!SafeNumbers.isNumber(limit)) {
            throw MongoServerException.location(
                    31258, "$slice expects the limit argument to be a number, got " + BsonText.typeName(limit));
        }
        int limitValue = SafeNumbers.toInt(limit);
        if (limitValue <= 0) {
            throw MongoServerException.location(31259, "$slice limit must be positive, got " + limitValue);
        }
        return new Slice(SafeNumbers.toInt(skip), limitValue);
    }

    /**
     * The aggregation form {@code {$slice: [array, n]}} or {@code [array, position, n]}. Only constant arguments are
     * supported; MongoDB evaluates those once parsing is done. A null argument gives null; a first argument that is
     * not an array is the error most malformed find slices end in.
     */
    private void parseAggregationSlice(List<String> path, BsonValue argument, PathNode parent) {
        List<BsonValue> arguments = argument.isArray() ? argument.asArray().getValues() : List.of(argument);
        if (arguments.size() < 2 || arguments.size() > 3) {
            throw MongoServerException.location(
                    28667,
                    "Expression $slice takes at least 2 arguments, and at most 3, but " + arguments.size()
                            + " were passed in.");
        }
        for (BsonValue each : arguments) {
            if (each.isDocument()
                    || each.isArray()
                    || (each.isString() && each.asString().getValue().startsWith("$"))) {
                // a field path, an array or an expression to slice: the aggregation operator evaluates it
                Expression slice = Expression.parse(new BsonDocument("$slice", argument));
                addComputedExpression(path, ComputedField.expression(slice), parent);
                return;
            }
        }
        addComputedExpression(path, ComputedField.literal(BsonNull.VALUE), parent);
        boolean anyNull =
                arguments.stream().anyMatch(each -> each.isNull() || each.getBsonType() == BsonType.UNDEFINED);
        if (!anyNull && evaluationError == null) {
            evaluationError = MongoServerException.location(
                    28724,
                    "First argument to $slice must be an array, but is of type: "
                            + BsonText.typeName(arguments.get(0)));
        }
    }

    private static MongoServerException withContext(MongoServerException e, String context) {
        String message = context + " :: caused by :: " + e.getMessage();
        return e.errorCode() != null
                ? new MongoServerException(e.errorCode(), message)
                : MongoServerException.location(e.code(), message);
    }

    private void parseElemMatch(List<String> path, BsonValue argument, PathNode parent) {
        if (!argument.isDocument()) {
            throw MongoServerException.location(
                    31274, "elemMatch: Invalid argument, object required, but got " + BsonText.typeName(argument));
        }
        if (hasPositional) {
            throw MongoServerException.location(31255, "Cannot specify positional operator and $elemMatch.");
        }
        if (path.size() != 1 || parent != root) {
            throw MongoServerException.location(31275, "Cannot use $elemMatch projection on a nested field.");
        }
        String field = path.get(0);
        Filter filter = Filter.parse(new BsonDocument(field, new BsonDocument("$elemMatch", argument)));
        addLeaf(parent, path, new Computed(ComputedField.elemMatch(field, filter)));
        hasElemMatch = true;
    }

    /** The level already at {@code path} under {@code parent}, or null if there is none (or a leaf is there). */
    private static PathNode innerNodeAt(PathNode parent, List<String> path) {
        PathNode level = parent;
        for (String name : path) {
            if (!(level.children.get(name) instanceof PathNode next)) {
                return null;
            }
            level = next;
        }
        return level;
    }

    private static void addLeaf(PathNode parent, List<String> path, Leaf leaf) {
        addLeafOrLevel(parent, path, leaf);
    }

    /** Puts {@code node} at {@code path}, making levels on the way; two projections of one path collide. */
    private static void addLeafOrLevel(PathNode parent, List<String> path, Object node) {
        String fullPath = String.join(".", path);
        PathNode level = parent;
        for (int i = 0; i < path.size() - 1; i++) {
            Object child = level.children.get(path.get(i));
            if (child == null) {
                PathNode next = new PathNode();
                level.children.put(path.get(i), next);
                level = next;
            } else if (child instanceof PathNode next) {
                level = next;
            } else {
                throw MongoServerException.location(
                        31249,
                        "Path collision at " + fullPath + " remaining portion "
                                + String.join(".", path.subList(1, path.size())));
            }
        }
        String last = path.get(path.size() - 1);
        if (level.children.containsKey(last)) {
            throw MongoServerException.location(31250, "Path collision at " + fullPath);
        }
        level.children.put(last, node);
    }
}
