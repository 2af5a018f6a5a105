package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.bson.SortDirection;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * One field of a sort and the value a document sorts by there. Like an index key, a path through arrays reaches
 * many values: an ascending sort takes the smallest, a descending sort the largest. A missing field, or a document
 * in an array without it, counts as null; an empty array as undefined, which sorts just below null.
 */
final class SortKey {
    private static final BsonValue EMPTY_ARRAY = new BsonUndefined();

    private final List<String> path;
    private final SortDirection direction;

    SortKey(List<String> path, SortDirection direction) {
        this.path = path;
        this.direction = direction;
    }

    int compare(BsonDocument left, BsonDocument right) {
        int c = BsonOrder.INSTANCE.compare(valueOf(left), valueOf(right));
        return direction == SortDirection.ASCENDING ? c : -c;
    }

    BsonValue valueOf(BsonDocument document) {
        List<BsonValue> values = new ArrayList<>();
        collect(document, 0, values);
        BsonValue chosen = values.get(0);
        for (BsonValue value : values) {
            int c = BsonOrder.INSTANCE.compare(value, chosen);
            if (direction == SortDirection.ASCENDING ? c < 0 : c > 0) {
                chosen = value;
            }
        }
        return chosen;
    }

    /** Adds the values at {@code path[depth..]} under {@code value}: at least one. */
    private void collect(BsonValue value, int depth, List<BsonValue> values) {
        if (depth == path.size()) {
            if (value.isArray()) {
                addElements(value.asArray(), values);
            } else {
                values.add(value);
            }
            return;
        }
        if (value.isDocument()) {
            BsonValue next = value.asDocument().get(path.get(depth));
            if (next == null) {
                values.add(BsonNull.VALUE);
            } else {
                collect(next, depth + 1, values);
            }
        } else if (value.isArray()) {
            collectThroughArray(value.asArray(), depth, values);
        } else {
            values.add(BsonNull.VALUE);
        }
    }

    private void collectThroughArray(BsonArray array, int depth, List<BsonValue> values) {
        if (array.isEmpty()) {
            values.add(EMPTY_ARRAY);
            return;
        }
        Integer index = arrayIndex(path.get(depth));
        if (index != null) {
            if (index < array.size()) {
                collect(array.get(index), depth + 1, values);
            } else {
                values.add(BsonNull.VALUE);
            }
            return;
        }
        for (BsonValue element : array) {
            if (element.isDocument()) {
                collect(element, depth, values);
            } else {
                // Neither a scalar nor a nested array has the field.
                values.add(BsonNull.VALUE);
            }
        }
    }

    private static void addElements(BsonArray array, List<BsonValue> values) {
        if (array.isEmpty()) {
            values.add(EMPTY_ARRAY);
        } else {
            values.addAll(array.getValues());
        }
    }

    /** The array position a path component names, as in {@code a.0.b}; null for a field name. */
    private static Integer arrayIndex(String component) {
        if (component.isEmpty() || component.length() > 9 || !component.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(component);
    }
}
