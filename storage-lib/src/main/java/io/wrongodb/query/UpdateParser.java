package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bson.BsonValue;

/**
 * Turns the operators of an update document into a tree of {@link UpdateNode}s, one path at a time, rejecting
 * unknown operators, malformed paths and two updates of the same path (or of a path and its prefix).
 */
final class UpdateParser {
    private static final Set<String> OPERATORS = Set.of(
            "$set",
            "$unset",
            "$inc",
            "$mul",
            "$min",
            "$max",
            "$rename",
            "$setOnInsert",
            "$currentDate",
            "$push",
            "$addToSet",
            "$pop",
            "$pull",
            "$pullAll",
            "$bit");

    private final Map<String, Filter> arrayFilters;
    private final DocumentNode root = new DocumentNode();
    private final Set<String> usedIdentifiers = new HashSet<>();

    UpdateParser(Map<String, Filter> arrayFilters) {
        this.arrayFilters = arrayFilters;
    }

    DocumentNode root() {
        return root;
    }

    Set<String> usedIdentifiers() {
        return usedIdentifiers;
    }

    void addOperator(String operator, BsonValue fields) {
        if (!OPERATORS.contains(operator)) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "Unknown modifier: " + operator
                            + ". Expected a valid update modifier or pipeline-style update specified as an array");
        }
        if (!fields.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "Modifiers operate on fields but we found type " + BsonText.typeName(fields)
                            + " instead. For example: {$mod: {<field>: ...}} not {"
                            + BsonText.element(operator, fields) + "}");
        }
        // Since MongoDB 5.0 an empty operator ({$set: {}}) is accepted and changes nothing.
        for (Map.Entry<String, BsonValue> field : fields.asDocument().entrySet()) {
            addField(operator, field.getKey(), field.getValue());
        }
    }

    private void addField(String operator, String path, BsonValue value) {
        if (operator.equals("$rename")) {
            checkPath(path);
            insert(path, new RenameModifier.Placeholder());
            if (!value.isString()) {
                throw badValue("The 'to' field for $rename must be a string: " + BsonText.element(path, value));
            }
            String to = value.asString().getValue();
            checkPath(to);
            RenameModifier.check(path, to);
            insert(to, new RenameModifier(path));
            return;
        }
        checkPath(path);
        insert(path, modifier(operator, path, value));
    }

    private static Modifier modifier(String operator, String path, BsonValue value) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        return switch (operator) {
            case "$set" -> new SetModifier(value, false);
            case "$setOnInsert" -> new SetModifier(value, true);
            case "$unset" -> new UnsetModifier();
            case "$inc" -> ArithmeticModifier.parse(path, value, false);
            case "$mul" -> ArithmeticModifier.parse(path, value, true);
            case "$min" -> new CompareModifier(value, true);
            case "$max" -> new CompareModifier(value, false);
            case "$currentDate" -> CurrentDateModifier.parse(path, value);
            case "$push" -> PushModifier.parse(value);
            case "$addToSet" -> AddToSetModifier.parse(value);
            case "$pop" -> PopModifier.parse(path, value);
            case "$pull" -> PullModifier.pull(value);
            case "$pullAll" -> PullModifier.pullAll(value);
            case "$bit" -> BitModifier.parse(value);
            default -> throw new IllegalStateException("no modifier for " + operator + " on " + field);
        };
    }

    private static void checkPath(String path) {
        if (path.isEmpty()) {
            throw new MongoServerException(ErrorCode.EMPTY_FIELD_NAME, "An empty update path is not valid.");
        }
        String[] parts = path.split("\\.", -1);
        int positionals = 0;
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new MongoServerException(
                        ErrorCode.EMPTY_FIELD_NAME,
                        "The update path '" + path + "' contains an empty field name, which is not allowed.");
            }
            if (part.equals("$")) {
                positionals++;
            }
        }
        if (positionals > 1) {
            throw badValue("Too many positional (i.e. '$') elements found in path '" + path + "'");
        }
        if (parts[0].equals("$")) {
            throw badValue("Cannot have positional (i.e. '$') element in the first position in path '" + path + "'");
        }
    }

    private void insert(String path, UpdateNode leaf) {
        String[] parts = path.split("\\.");
        UpdateNode current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            String name = childName(parts, i, path);
            UpdateNode child = childOf(current, name);
            boolean arrayChild = isArrayFilter(parts[i + 1]);
            if (child == null) {
                child = arrayChild ? new ArrayElementsNode() : new DocumentNode();
                setChild(current, name, child);
            } else if (arrayChild ? !(child instanceof ArrayElementsNode) : !(child instanceof DocumentNode)) {
                throw DocumentNode.conflict(path, String.join(".", java.util.Arrays.copyOf(parts, i + 1)));
            }
            current = child;
        }
        String name = childName(parts, parts.length - 1, path);
        if (childOf(current, name) != null) {
            throw DocumentNode.conflict(path, path);
        }
        setChild(current, name, leaf);
    }

    /** The child's key: the part itself, or for {@code $[id]} the identifier, checked against the filters. */
    private String childName(String[] parts, int position, String path) {
        String part = parts[position];
        if (!isArrayFilter(part)) {
            return part;
        }
        if (position == 0) {
            throw badValue("Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in"
                    + " path '" + path + "'");
        }
        String identifier = part.substring(2, part.length() - 1);
        if (!identifier.isEmpty()) {
            if (!arrayFilters.containsKey(identifier)) {
                throw badValue("No array filter found for identifier '" + identifier + "' in path '" + path + "'");
            }
            usedIdentifiers.add(identifier);
        }
        return identifier;
    }

    private static boolean isArrayFilter(String part) {
        return part.length() >= 3 && part.startsWith("$[") && part.endsWith("]");
    }

    private static UpdateNode childOf(UpdateNode node, String name) {
        return node instanceof ArrayElementsNode array ? array.children.get(name) : ((DocumentNode) node).child(name);
    }

    private static void setChild(UpdateNode node, String name, UpdateNode child) {
        if (node instanceof ArrayElementsNode array) {
            array.children.put(name, child);
        } else {
            ((DocumentNode) node).setChild(name, child);
        }
    }

    private static MongoServerException badValue(String message) {
        return new MongoServerException(ErrorCode.BAD_VALUE, message);
    }
}
