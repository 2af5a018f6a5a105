package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * $push: appends a value, or with {@code $each} several, inserted at {@code $position}, then sorts the whole array
 * by {@code $sort} and keeps the first (or, negative, last) {@code $slice} elements. A missing field becomes an
 * array.
 */
final class PushModifier extends Modifier {
    private static final Set<String> CLAUSES = Set.of("$each", "$slice", "$sort", "$position");

    private final List<BsonValue> values;
    private final Long slice;
    private final Comparator<BsonValue> sort;
    private final long position;

    private PushModifier(List<BsonValue> values, Long slice, Comparator<BsonValue> sort, long position) {
        this.values = values;
        this.slice = slice;
        this.sort = sort;
        this.position = position;
    }

    static PushModifier parse(BsonValue spec) {
        if (!spec.isDocument() || !spec.asDocument().containsKey("$each")) {
            return new PushModifier(List.of(spec), null, null, Long.MAX_VALUE);
        }
        BsonDocument clauses = spec.asDocument();
        for (String clause : clauses.keySet()) {
            if (!CLAUSES.contains(clause)) {
                throw badValue("Unrecognized clause in $push: " + clause);
            }
        }
        BsonValue each = clauses.get("$each");
        if (!each.isArray()) {
            throw badValue(
                    "The argument to $each in $push must be an array but it was of type: " + BsonText.typeName(each));
        }
        Long slice = null;
        if (clauses.containsKey("$slice")) {
            slice = integer(clauses.get("$slice"));
            if (slice == null) {
                throw badValue("The value for $slice must be an integer value but was given type: "
                        + BsonText.typeName(clauses.get("$slice")));
            }
        }
        Comparator<BsonValue> sort = clauses.containsKey("$sort") ? parseSort(clauses.get("$sort")) : null;
        long position = Long.MAX_VALUE;
        if (clauses.containsKey("$position")) {
            Long parsed = integer(clauses.get("$position"));
            if (parsed == null) {
                throw badValue("The value for $position must be an integer value, not of type: "
                        + BsonText.typeName(clauses.get("$position")));
            }
            position = parsed;
        }
        return new PushModifier(List.copyOf(each.asArray().getValues()), slice, sort, position);
    }

    /** An integral number as a long, or null if the value is not one. */
    private static Long integer(BsonValue value) {
        if (value.isInt32() || value.isInt64()) {
            return value.asNumber().longValue();
        }
        if (value.isDouble()) {
            double d = value.asDouble().getValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d : null;
        }
        if (value.isDecimal128()) {
            try {
                return value.asDecimal128().getValue().bigDecimalValue().longValueExact();
            } catch (ArithmeticException notIntegral) {
                return null;
            }
        }
        return null;
    }

    private static Comparator<BsonValue> parseSort(BsonValue sort) {
        if (sort.isDocument()) {
            BsonDocument pattern = sort.asDocument();
            if (pattern.isEmpty()) {
                throw badValue("The $sort pattern is empty when it should be a set of fields.");
            }
            Comparator<BsonValue> order = null;
            for (Map.Entry<String, BsonValue> field : pattern.entrySet()) {
                if (direction(field.getValue()) == 0) {
                    throw badValue("The $sort element value must be either 1 or -1");
                }
                if (field.getKey().isEmpty()) {
                    throw badValue("The $sort field cannot be empty");
                }
                for (String part : field.getKey().split("\\.", -1)) {
                    if (part.isEmpty()) {
                        throw badValue("The $sort field is a dotted field but has an empty part: " + field.getKey());
                    }
                }
                String path = field.getKey();
                Comparator<BsonValue> byField =
                        Comparator.comparing(element -> valueAt(element, path), BsonOrder.INSTANCE);
                if (direction(field.getValue()) < 0) {
                    byField = byField.reversed();
                }
                order = order == null ? byField : order.thenComparing(byField);
            }
            return order;
        }
        if (BsonArithmetic.isNumber(sort)) {
            if (direction(sort) == 0) {
                throw badValue("The $sort element value must be either 1 or -1");
            }
            return direction(sort) > 0 ? BsonOrder.INSTANCE : BsonOrder.INSTANCE.reversed();
        }
        throw badValue("The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded"
                + " fields");
    }

    private static int direction(BsonValue value) {
        if (!BsonArithmetic.isNumber(value)) {
            return 0;
        }
        double d = value.isDecimal128()
                ? value.asDecimal128().getValue().doubleValue()
                : value.asNumber().doubleValue();
        return d == 1 ? 1 : d == -1 ? -1 : 0;
    }

    /** The value at a dotted path inside an array element, null when the element is no document or lacks it. */
    private static BsonValue valueAt(BsonValue element, String path) {
        if (!element.isDocument()) {
            return BsonNull.VALUE;
        }
        BsonValue current = element;
        for (String part : path.split("\\.")) {
            if (current.isDocument() && current.asDocument().containsKey(part)) {
                current = current.asDocument().get(part);
            } else if (current.isArray()
                    && UpdateTarget.arrayIndex(part) >= 0
                    && UpdateTarget.arrayIndex(part) < current.asArray().size()) {
                current = current.asArray().get(UpdateTarget.arrayIndex(part));
            } else {
                return BsonNull.VALUE;
            }
        }
        return current;
    }

    private BsonArray push(BsonArray original) {
        List<BsonValue> elements = new ArrayList<>(original.getValues());
        int size = elements.size();
        int at;
        if (position >= size) {
            at = size;
        } else if (position >= 0) {
            at = (int) position;
        } else {
            at = -position < size ? (int) (size + position) : 0;
        }
        List<BsonValue> copies = new ArrayList<>();
        for (BsonValue value : values) {
            copies.add(copy(value));
        }
        elements.addAll(at, copies);
        if (sort != null) {
            elements.sort(sort);
        }
        if (slice != null) {
            long keep = Math.min(Math.abs(Math.max(slice, -Long.MAX_VALUE)), elements.size());
            elements = slice >= 0
                    ? elements.subList(0, (int) keep)
                    : elements.subList(elements.size() - (int) keep, elements.size());
        }
        return new BsonArray(new ArrayList<>(elements));
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        return push(new BsonArray());
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        if (!target.element.isArray()) {
            throw badValue("The field '" + target.takenPath() + "' must be an array but is of type "
                    + BsonText.typeName(target.element) + " in document {" + context.idText() + "}");
        }
        BsonArray pushed = push(target.element.asArray());
        return pushed.equals(target.element) ? null : pushed;
    }
}
