package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Where an update path leads in a document being updated: the deepest element that exists on the path
 * ({@link #element}, reached through {@link #taken}) and the parts below it that do not exist yet
 * ({@link #toCreate}). When the whole path exists, {@code toCreate} is empty and {@code element} is the value at the
 * path, which {@link #replace} and {@link #remove} change in its parent.
 */
final class UpdateTarget {
    final BsonValue element;
    /** The document or array holding {@link #element}, or null for the root document. */
    private final BsonValue parent;
    /** The field name or array index of {@link #element} in its parent; null for the root. */
    final String key;

    final List<String> taken;
    final List<String> toCreate;

    private UpdateTarget(BsonValue element, BsonValue parent, String key, List<String> taken, List<String> toCreate) {
        this.element = element;
        this.parent = parent;
        this.key = key;
        this.taken = taken;
        this.toCreate = toCreate;
    }

    static UpdateTarget root(BsonDocument document) {
        return new UpdateTarget(document, null, null, List.of(), List.of());
    }

    boolean exists() {
        return toCreate.isEmpty();
    }

    /** The target one part further down the path. */
    UpdateTarget child(String part) {
        UpdateTarget start = new UpdateTarget(element, parent, key, taken, List.of());
        // A sibling applied before may have created what was missing: walk the missing parts again.
        for (String missing : toCreate) {
            start = start.step(missing);
        }
        return start.step(part);
    }

    private UpdateTarget step(String part) {
        if (exists()) {
            BsonValue child = null;
            if (element.isDocument()) {
                child = element.asDocument().get(part);
            } else if (element.isArray()) {
                int index = arrayIndex(part);
                if (index >= 0 && index < element.asArray().size()) {
                    child = element.asArray().get(index);
                }
            }
            if (child != null) {
                return new UpdateTarget(child, element, part, append(taken, part), List.of());
            }
        }
        return new UpdateTarget(element, parent, key, taken, append(toCreate, part));
    }

    private static List<String> append(List<String> parts, String part) {
        List<String> longer = new ArrayList<>(parts.size() + 1);
        longer.addAll(parts);
        longer.add(part);
        return List.copyOf(longer);
    }

    /** The array index a path part names, or -1 if it is not an unsigned base-10 integer. */
    static int arrayIndex(String part) {
        if (part.isEmpty() || part.length() > 9) {
            return -1;
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(part);
    }

    String takenPath() {
        return String.join(".", taken);
    }

    String fullPath() {
        List<String> all = new ArrayList<>(taken);
        all.addAll(toCreate);
        return String.join(".", all);
    }

    /** {@code a: 1}: the element as MongoDB prints it in messages. */
    String elementText() {
        return key == null ? BsonText.value(element) : BsonText.element(key, element);
    }

    void replace(BsonValue value) {
        if (parent.isDocument()) {
            parent.asDocument().put(key, value);
        } else {
            parent.asArray().set(Integer.parseInt(key), value);
        }
    }

    /** Removes the element; an array element becomes null instead, so later elements keep their positions. */
    void remove() {
        if (parent.isDocument()) {
            parent.asDocument().remove(key);
        } else {
            parent.asArray().set(Integer.parseInt(key), BsonNull.VALUE);
        }
    }

    /** Creates the missing parts of the path, with {@code value} at its end. */
    void create(BsonValue value) {
        BsonValue nested = value;
        for (int i = toCreate.size() - 1; i >= 1; i--) {
            nested = new BsonDocument(toCreate.get(i), nested);
        }
        String first = toCreate.get(0);
        if (element.isDocument()) {
            element.asDocument().put(first, nested);
        } else if (element.isArray() && arrayIndex(first) >= 0) {
            BsonArray array = element.asArray();
            int index = arrayIndex(first);
            while (array.size() < index) {
                array.add(BsonNull.VALUE);
            }
            array.add(nested);
        } else {
            throw new MongoServerException(
                    ErrorCode.PATH_NOT_VIABLE,
                    "Cannot create field '" + first + "' in element {" + elementText() + "}");
        }
    }

    /**
     * For operators that never create a path ($pop, $pull, ...): a missing path is fine unless it could not have
     * been created either, because it runs into a value that is neither a document nor an array.
     */
    void checkViable() {
        if (element.isDocument() || (element.isArray() && arrayIndex(toCreate.get(0)) >= 0)) {
            return;
        }
        throw new MongoServerException(
                ErrorCode.PATH_NOT_VIABLE,
                "Cannot use the part (" + toCreate.get(0) + ") of (" + fullPath() + ") to traverse the element ({"
                        + elementText() + "})");
    }
}
