package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Map;

/**
 * Merges two update nodes that turn out, once the document is known, to address the same element: the positional
 * {@code $} and the index it matched, or two array filters choosing the same array element. Two operators on one
 * path are a conflict.
 */
final class Merging {
    private Merging() {}

    static UpdateNode merge(UpdateNode left, UpdateNode right, String path) {
        if (left instanceof DocumentNode l && right instanceof DocumentNode r) {
            DocumentNode merged = new DocumentNode();
            merged.children.putAll(l.children);
            for (Map.Entry<String, UpdateNode> child : r.children.entrySet()) {
                merged.children.merge(
                        child.getKey(),
                        child.getValue(),
                        (a, b) -> merge(a, b, DocumentNode.join(path, child.getKey())));
            }
            merged.positional = l.positional == null
                    ? r.positional
                    : r.positional == null ? l.positional : merge(l.positional, r.positional, path + ".$");
            return merged;
        }
        if (left instanceof ArrayElementsNode l && right instanceof ArrayElementsNode r) {
            ArrayElementsNode merged = new ArrayElementsNode();
            merged.children.putAll(l.children);
            for (Map.Entry<String, UpdateNode> child : r.children.entrySet()) {
                merged.children.merge(
                        child.getKey(), child.getValue(), (a, b) -> merge(a, b, path + ".$[" + child.getKey() + "]"));
            }
            return merged;
        }
        throw new MongoServerException(
                ErrorCode.CONFLICTING_UPDATE_OPERATORS, "Update created a conflict at '" + path + "'");
    }
}
