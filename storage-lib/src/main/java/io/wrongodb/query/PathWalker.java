package io.wrongodb.query;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Finds the values a dotted path leads to in a document, the way MongoDB's matcher does.
 *
 * <ul>
 *   <li>A missing field, or a path that runs into a scalar, yields one "missing" (null).
 *   <li>An array in the middle of the path is entered: each document in it is followed with the rest of the path;
 *       if the next component is a number, the element at that position is followed too. Scalars in it yield
 *       nothing, and arrays in it are entered only by position.
 *   <li>An array at the end of the path yields its elements, then itself (unless told not to expand it). Arrays
 *       nested in it are not expanded.
 * </ul>
 *
 * Each value comes with the position, in the outermost array entered implicitly, of the element it came from, or
 * -1.
 */
final class PathWalker {
    /** Receives one value (null: missing) and its array position; returns true to stop the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(BsonValue value, int arrayPosition);
    }

    private PathWalker() {}

    /** True as soon as {@code visitor} returns true for a value {@code path} leads to. */
    static boolean anyValue(BsonDocument document, String[] path, boolean expandLeafArrays, Visitor visitor) {
        return walkDocument(document, path, 0, expandLeafArrays, -1, visitor);
    }

    private static boolean walkDocument(
            BsonDocument document, String[] path, int from, boolean expand, int position, Visitor visitor) {
        BsonValue current = document;
        for (int i = from; ; i++) {
            if (!current.isDocument()) {
                return visitor.visit(null, position);
            }
            BsonValue next = current.asDocument().get(path[i]);
            if (next == null) {
                return visitor.visit(null, position);
            }
            if (i == path.length - 1) {
                return visitLeaf(next, expand, position, visitor);
            }
            if (next.isArray()) {
                return walkArray(next.asArray(), path, i + 1, expand, position, visitor);
            }
            current = next;
        }
    }

    private static boolean visitLeaf(BsonValue value, boolean expand, int position, Visitor visitor) {
        if (expand && value.isArray()) {
            BsonArray array = value.asArray();
            for (int i = 0; i < array.size(); i++) {
                if (visitor.visit(array.get(i), position >= 0 ? position : i)) {
                    return true;
                }
            }
        }
        return visitor.visit(value, position);
    }

    /** Walks the rest of the path, from {@code next}, through each element of an array the path crosses. */
    private static boolean walkArray(
            BsonArray array, String[] path, int next, boolean expand, int position, Visitor visitor) {
        String component = path[next];
        int index = arrayIndex(component);
        boolean last = next == path.length - 1;
        for (int i = 0; i < array.size(); i++) {
            BsonValue element = array.get(i);
            if (element.isDocument()
                    && walkDocument(element.asDocument(), path, next, expand, position >= 0 ? position : i, visitor)) {
                return true;
            }
            if (i != index) {
                continue;
            }
            // An explicit position: not an implicit traversal, so it adds no array position of its own.
            if (last) {
                if (visitor.visit(element, position)) {
                    return true;
                }
            } else if (element.isDocument()) {
                if (walkDocument(element.asDocument(), path, next + 1, expand, position, visitor)) {
                    return true;
                }
            } else if (element.isArray()) {
                if (walkArray(element.asArray(), path, next + 1, expand, position, visitor)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The array position a path component names, or -1 if it is not all digits (or too large to be one). */
    static int arrayIndex(String component) {
        if (component.isEmpty() || component.length() > 9) {
            return -1;
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        int value = Integer.parseInt(component);
        // "01" is all digits but names no position: MongoDB compares the component to the element's name.
        return String.valueOf(value).equals(component) ? value : -1;
    }
}
