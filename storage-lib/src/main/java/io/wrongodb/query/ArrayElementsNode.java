package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonArray;

/**
 * The inner node for {@code $[]} (every element of an array) and {@code $[id]} (the elements that match the array
 * filter {@code id}). Elements are chosen against the array as it was before any of them is updated; when several
 * children choose the same element, they are merged and applied together.
 */
final class ArrayElementsNode extends UpdateNode {
    /** Children by identifier; the empty identifier stands for {@code $[]}. */
    final Map<String, UpdateNode> children = new TreeMap<>();

    @Override
    void apply(UpdateTarget target, UpdateContext context) {
        if (!target.exists()) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE,
                    "The path '" + target.fullPath() + "' must exist in the document in order to apply array updates.");
        }
        if (!target.element.isArray()) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE, "Cannot apply array updates to non-array element " + target.elementText());
        }
        BsonArray array = target.element.asArray();
        List<UpdateNode> chosen = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            UpdateNode merged = null;
            for (Map.Entry<String, UpdateNode> child : children.entrySet()) {
                String identifier = child.getKey();
                if (identifier.isEmpty() || context.matchesArrayFilter(identifier, array.get(i))) {
                    merged = merged == null
                            ? child.getValue()
                            : Merging.merge(merged, child.getValue(), DocumentNode.join(target.takenPath(), "" + i));
                }
            }
            chosen.add(merged);
        }
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i) != null) {
                chosen.get(i).apply(target.child(Integer.toString(i)), context);
            }
        }
    }
}
