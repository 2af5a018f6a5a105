package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inner node for path parts that name a field or an array index, plus the positional part {@code $}. Children
 * are applied in MongoDB's order (5.0 and later): by field name, numeric names numerically, so fields an update
 * creates are appended in that order whatever the order of the update document.
 */
final class DocumentNode extends UpdateNode {
    /** Field names in byte order, except that two array indexes compare as numbers. */
    static final Comparator<String> FIELD_ORDER = (a, b) -> {
        boolean aNumber = UpdateTarget.arrayIndex(a) >= 0;
        boolean bNumber = UpdateTarget.arrayIndex(b) >= 0;
        if (aNumber && bNumber && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return compareCodePoints(a, b);
    };

    final Map<String, UpdateNode> children = new TreeMap<>(FIELD_ORDER);
    /** The child for the part {@code $}, or null. */
    UpdateNode positional;

    UpdateNode child(String part) {
        return part.equals("$") ? positional : children.get(part);
    }

    void setChild(String part, UpdateNode child) {
        if (part.equals("$")) {
            positional = child;
        } else {
            children.put(part, child);
        }
    }

    @Override
    void apply(UpdateTarget target, UpdateContext context) {
        List<Map.Entry<String, UpdateNode>> ordered = new ArrayList<>(children.entrySet());
        if (positional != null) {
            String matched = context.matchedField();
            UpdateNode same = children.get(matched);
            UpdateNode node =
                    same == null ? positional : Merging.merge(positional, same, join(target.fullPath(), matched));
            ordered.removeIf(entry -> entry.getKey().equals(matched));
            int at = 0;
            while (at < ordered.size() && FIELD_ORDER.compare(ordered.get(at).getKey(), matched) < 0) {
                at++;
            }
            ordered.add(at, Map.entry(matched, node));
        }
        for (Map.Entry<String, UpdateNode> entry : ordered) {
            entry.getValue().apply(target.child(entry.getKey()), context);
        }
    }

    static String join(String path, String part) {
        return path.isEmpty() ? part : path + "." + part;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static MongoServerException conflict(String path, String at) {
        return new MongoServerException(
                ErrorCode.CONFLICTING_UPDATE_OPERATORS,
                "Updating the path '" + path + "' would create a conflict at '" + at + "'");
    }
}
