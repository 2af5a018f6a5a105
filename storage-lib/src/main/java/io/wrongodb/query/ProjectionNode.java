package io.wrongodb.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * One level of a projection as it runs: the fields kept (inclusion) or dropped (exclusion) at this level, the
 * levels below it, and the fields it computes. It works as MongoDB's projection executor does, which decides the
 * output's field order:
 *
 * <ol>
 *   <li>Walk the input document in its own order. An inclusion copies the fields it names into a new document; an
 *       exclusion starts from a copy and removes them. Through an array, each element is projected; a non-document
 *       under a path an inclusion names is dropped, an exclusion keeps it.
 *   <li>Then set the computed fields in the order the projection named them: one already in the output is replaced
 *       where it stands, a new one is appended. Under an array each element gets them, and a value that is not a
 *       document is replaced by a document of them.
 * </ol>
 *
 * While it runs, a field or array element that is left out holds {@link #MISSING}: it keeps its place for a computed
 * field that may replace it, and {@link #withoutMissing} removes what is left at the end.
 */
final class ProjectionNode {
    /** The marker for "no value here"; compared by identity, never part of a result. */
    static final BsonValue MISSING = new BsonUndefined();

    private final boolean inclusion;
    private final Set<String> projectedFields = new LinkedHashSet<>();
    private final Map<String, ProjectionNode> children = new HashMap<>();
    private final Map<String, ComputedField> computedFields = new HashMap<>();
    private final List<String> computeOrder = new ArrayList<>();
    private boolean subtreeComputes;

    ProjectionNode(boolean inclusion) {
        this.inclusion = inclusion;
    }

    /** Includes (inclusion) or excludes (exclusion) the field at {@code path}. */
    void addProjection(List<String> path) {
        if (path.size() == 1) {
            projectedFields.add(path.get(0));
        } else {
            child(path.get(0)).addProjection(path.subList(1, path.size()));
        }
    }

    void addComputed(List<String> path, ComputedField field) {
        subtreeComputes = true;
        if (path.size() == 1) {
            computedFields.put(path.get(0), field);
            computeOrder.add(path.get(0));
        } else {
            child(path.get(0)).addComputed(path.subList(1, path.size()), field);
        }
    }

    private ProjectionNode child(String name) {
        ProjectionNode child = children.get(name);
        if (child == null) {
            child = new ProjectionNode(inclusion);
            children.put(name, child);
            computeOrder.add(name);
        }
        return child;
    }

    /** The projected document, possibly holding {@link #MISSING} values. */
    BsonDocument apply(BsonDocument input) {
        BsonDocument output = projectFields(input);
        if (subtreeComputes) {
            computeFields(input, output);
        }
        return output;
    }

    private BsonDocument projectFields(BsonDocument input) {
        BsonDocument output = inclusion ? new BsonDocument() : copy(input);
        for (Map.Entry<String, BsonValue> field : input.entrySet()) {
            String name = field.getKey();
            if (projectedFields.contains(name)) {
                output.put(name, inclusion ? field.getValue() : MISSING);
            } else {
                ProjectionNode child = children.get(name);
                if (child != null) {
                    output.put(name, child.projectValue(field.getValue()));
                }
            }
        }
        return output;
    }

    private BsonValue projectValue(BsonValue value) {
        if (value.isDocument()) {
            return projectFields(value.asDocument());
        }
        if (value.isArray()) {
            BsonArray projected = new BsonArray();
            for (BsonValue element : value.asArray()) {
                projected.add(projectValue(element));
            }
            return projected;
        }
        return inclusion ? MISSING : value;
    }

    private void computeFields(BsonDocument root, BsonDocument output) {
        for (String name : computeOrder) {
            ProjectionNode child = children.get(name);
            if (child == null) {
                output.put(name, computedFields.get(name).evaluate(root));
            } else if (child.subtreeComputes) {
                BsonValue current = output.containsKey(name) ? output.get(name) : MISSING;
                output.put(name, child.computeInto(root, current));
            }
        }
    }

    private BsonValue computeInto(BsonDocument root, BsonValue value) {
        if (value != MISSING && value.isDocument()) {
            BsonDocument document = copy(value.asDocument());
            computeFields(root, document);
            return document;
        }
        if (value.isArray()) {
            BsonArray computed = new BsonArray();
            for (BsonValue element : value.asArray()) {
                computed.add(computeInto(root, element));
            }
            return computed;
        }
        BsonDocument document = new BsonDocument();
        computeFields(root, document);
        return document;
    }

    private static BsonDocument copy(BsonDocument document) {
        BsonDocument copy = new BsonDocument();
        copy.putAll(document);
        return copy;
    }

    /** The value with every {@link #MISSING} field and array element removed, at any depth. */
    static BsonValue withoutMissing(BsonValue value) {
        if (value.isDocument()) {
            BsonDocument clean = new BsonDocument();
            for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                if (field.getValue() != MISSING) {
                    clean.put(field.getKey(), withoutMissing(field.getValue()));
                }
            }
            return clean;
        }
        if (value.isArray()) {
            BsonArray clean = new BsonArray();
            for (BsonValue element : value.asArray()) {
                if (element != MISSING) {
                    clean.add(withoutMissing(element));
                }
            }
            return clean;
        }
        return value;
    }
}
