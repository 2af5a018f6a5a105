package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $rename: moves a field's value to another path. This node sits at the destination; the source path holds a
 * {@link Placeholder}, so that other operators on either path conflict with the rename. Neither path may run
 * through an array.
 */
final class RenameModifier extends Modifier {
    private final String from;

    RenameModifier(String from) {
        this.from = from;
    }

    /** Checks what MongoDB checks of a rename's two paths. */
    static void check(String from, String to) {
        String text = BsonText.element(from, new org.bson.BsonString(to));
        if (from.equals(to)) {
            throw badValue("The source and target field for $rename must differ: " + text);
        }
        if (from.startsWith(to + ".") || to.startsWith(from + ".")) {
            throw badValue("The source and target field for $rename must not be on the same path: " + text);
        }
        if (isDynamic(from)) {
            throw badValue("The source field for $rename may not be dynamic: " + from);
        }
        if (isDynamic(to)) {
            throw badValue("The destination field for $rename may not be dynamic: " + to);
        }
    }

    private static boolean isDynamic(String path) {
        for (String part : path.split("\\.")) {
            if (part.equals("$") || (part.startsWith("$[") && part.endsWith("]"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    void apply(UpdateTarget target, UpdateContext context) {
        String[] parts = from.split("\\.");
        BsonValue current = context.document;
        List<BsonValue> ancestors = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            BsonValue next;
            if (current.isDocument()) {
                next = current.asDocument().get(parts[i]);
            } else if (current.isArray() && UpdateTarget.arrayIndex(parts[i]) >= 0) {
                int index = UpdateTarget.arrayIndex(parts[i]);
                next = index < current.asArray().size() ? current.asArray().get(index) : null;
            } else {
                throw new MongoServerException(
                        ErrorCode.PATH_NOT_VIABLE,
                        "cannot use the part (" + parts[i - 1] + " of " + from + ") to traverse the element ({"
                                + BsonText.element(parts[i - 1], current) + "})");
            }
            if (next == null) {
                return;
            }
            if (i > 0) {
                ancestors.add(current);
            }
            current = next;
        }
        BsonValue value = current;
        for (int i = 0; i < ancestors.size(); i++) {
            if (ancestors.get(i).isArray()) {
                throw badValue("The source field cannot be an array element, '" + from + "' in doc with "
                        + context.idText() + " has an array field called '" + parts[i] + "'");
            }
        }
        checkDestination(target, context);
        new SetModifier(value, false).apply(target, context);
        if (parts[0].equals(UpdateContext.ID)) {
            throw new MongoServerException(
                    ErrorCode.IMMUTABLE_FIELD,
                    "Unsetting the path '" + from + "' using $rename would modify the immutable field '_id'");
        }
        BsonValue parent = context.document;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.asDocument().get(parts[i]);
        }
        BsonDocument holder = parent.asDocument();
        holder.remove(parts[parts.length - 1]);
    }

    /** The destination may not be inside an array, whether it exists or is still to be created. */
    private static void checkDestination(UpdateTarget target, UpdateContext context) {
        BsonValue current = context.document;
        int depth = target.exists() ? target.taken.size() - 1 : target.taken.size();
        for (int i = 0; i < depth; i++) {
            String part = target.taken.get(i);
            current = current.isDocument()
                    ? current.asDocument().get(part)
                    : current.asArray().get(UpdateTarget.arrayIndex(part));
            if (current.isArray()) {
                throw badValue("The destination field cannot be an array element, '" + target.fullPath()
                        + "' in doc with " + context.idText() + " has an array field called '" + part + "'");
            }
        }
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        throw new UnsupportedOperationException("rename applies itself");
    }

    /** The node at a rename's source path: does nothing itself, but makes other updates of that path conflict. */
    static final class Placeholder extends UpdateNode {
        @Override
        void apply(UpdateTarget target, UpdateContext context) {}
    }
}
