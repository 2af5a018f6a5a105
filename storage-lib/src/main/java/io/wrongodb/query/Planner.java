package io.wrongodb.query;

import io.wrongodb.bson.CanonicalType;
import io.wrongodb.bson.KeyEncoding;
import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.SortDirection;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Chooses how to read a query: an index whose leading fields the filter pins by equality ({@code a: 1},
 * {@code $eq}, {@code $in}) and whose next field it bounds by a range ({@code $gt $gte $lt $lte}), or one whose order
 * is the requested sort; for a top-level {@code $or} that no such index serves, the union of a plan per branch
 * when every branch has one; otherwise a collection scan. The filter is always applied again to each document fetched,
 * so bounds may be wider than the filter but never narrower.
 *
 * <p>Bounds stay within one type, as MongoDB's do ({@code $gt: 5} reads numbers only). On a multikey index the
 * two ends of a range on one field are not intersected: {@code {a: {$gt: 1, $lt: 5}}} matches {@code a: [0, 10]},
 * so only the lower end bounds the scan. A sparse or partial index holds only some documents, so it is used
 * unhinted only when the filter cannot match any other ({@link SubsetIndexes}).
 */
public final class Planner {
    private static final int MAX_POINTS = 200;

    private Planner() {}

    /** The plan for {@code filter} and {@code sort} (may be empty) with an optional {@code hint} (may be null). */
    public static Plan plan(CollectionInfo collection, BsonDocument filter, BsonDocument sort, BsonValue hint) {
        Map<String, Conditions> conditions = new LinkedHashMap<>();
        gather(filter, conditions);
        if (hint != null && !isEmptyHint(hint)) {
            if (hint.isDocument() && hint.asDocument().containsKey("$natural")) {
                return Plan.collectionScan(
                        hint.asDocument().get("$natural").asNumber().intValue() < 0);
            }
            IndexSpec hinted = hinted(collection, hint);
            if (hinted == null) {
                return idPlan(conditions, sort, true);
            }
            return planFor(hinted, conditions, sort);
        }
        Plan best = idPlan(conditions, sort, false);
        int bestScore = best == null ? 0 : score(best);
        for (IndexSpec index : collection.indexes()) {
            if (index.sparse() && !SubsetIndexes.sparseServes(index, conditions)) {
                continue;
            }
            if (index.partialFilter() != null && !SubsetIndexes.implies(conditions, index.partialFilter())) {
                continue;
            }
            Plan candidate = planFor(index, conditions, sort);
            int candidateScore = score(candidate);
            if (candidateScore > bestScore) {
                best = candidate;
                bestScore = candidateScore;
            }
        }
        if (bestScore <= 1 && filter.get("$or") instanceof BsonArray branches) {
            Plan union = union(collection, branches);
            if (union != null) {
                return union;
            }
        }
        if (best != null && bestScore > 0) {
            return best;
        }
        return Plan.collectionScan(naturalReverse(sort));
    }

    /**
     * A union of the {@code $or} branches' plans when every branch can use an index (one that cannot would make the
     * whole a collection scan anyway); null otherwise.
     */
    private static Plan union(CollectionInfo collection, BsonArray branches) {
        List<Plan> plans = new ArrayList<>();
        for (BsonValue branch : branches) {
            if (!branch.isDocument()) {
                return null;
            }
            Plan plan = plan(collection, branch.asDocument(), new BsonDocument(), null);
            if (plan.isCollectionScan()) {
                return null;
            }
            plans.add(plan);
        }
        return plans.isEmpty() ? null : Plan.union(plans);
    }

    private static boolean isEmptyHint(BsonValue hint) {
        return (hint.isDocument() && hint.asDocument().isEmpty())
                || (hint.isString() && hint.asString().getValue().isEmpty());
    }

    private static boolean naturalReverse(BsonDocument sort) {
        BsonValue natural = sort.get("$natural");
        return natural != null && natural.isNumber() && natural.asNumber().doubleValue() < 0;
    }

    private static IndexSpec hinted(CollectionInfo collection, BsonValue hint) {
        for (IndexSpec index : collection.indexes()) {
            if (hint.isString()
                    ? index.name().equals(hint.asString().getValue())
                    : index.key().equals(hint)) {
                return index;
            }
        }
        boolean isId = hint.isString()
                ? hint.asString().getValue().equals("_id_")
                : hint.asDocument().size() == 1 && hint.asDocument().containsKey("_id");
        if (isId) {
            return null;
        }
        throw new MongoServerException(ErrorCode.BAD_VALUE, "hint provided does not correspond to an existing index");
    }

    /** Plans on the clustered {@code _id} order: a point or range on {@code _id}, or the {@code _id} sort. */
    private static Plan idPlan(Map<String, Conditions> conditions, BsonDocument sort, boolean forced) {
        IndexSpec id = new IndexSpec(
                "_id_", new BsonDocument("_id", new org.bson.BsonInt32(1)), true, false, null, null, false);
        Plan plan = planFor(id, conditions, sort);
        if (!forced && score(plan) == 0) {
            return null;
        }
        return plan;
    }

    /** Higher is better: equality fields count most, then a range, then a provided sort. */
    private static int score(Plan plan) {
        if (plan.isCollectionScan()) {
            return 0;
        }
        return plan.equalities() * 4 + (plan.ranged() ? 2 : 0) + (plan.providesSort() ? 1 : 0);
    }

    private static Plan planFor(IndexSpec index, Map<String, Conditions> conditions, BsonDocument sort) {
        List<String> fields = index.fields();
        List<List<BsonValue>> points = new ArrayList<>();
        int combinations = 1;
        int equalities = 0;
        boolean singlePoints = true;
        for (String field : fields) {
            Conditions c = conditions.get(field);
            if (c == null || c.points == null || combinations * c.points.size() > MAX_POINTS) {
                break;
            }
            points.add(c.points);
            combinations *= c.points.size();
            singlePoints &= c.points.size() == 1;
            equalities++;
        }
        Conditions range = equalities < fields.size() ? conditions.get(fields.get(equalities)) : null;
        boolean ranged = range != null && range.points == null && (range.low != null || range.high != null);
        List<SortDirection> directions = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            directions.add(index.descending(i) ? SortDirection.DESCENDING : SortDirection.ASCENDING);
        }
        Boolean sortReverse = sortOrder(index, fields, equalities, sort, singlePoints);
        List<KeyRange> ranges = new ArrayList<>();
        for (List<BsonValue> prefix : cartesian(points)) {
            byte[] prefixKey = KeyEncoding.encode(prefix, directions.subList(0, prefix.size()));
            if (ranged) {
                ranges.add(rangeKey(prefixKey, range, directions.get(equalities), index.multikey()));
            } else {
                ranges.add(KeyRange.prefix(prefixKey));
            }
        }
        ranges.sort((a, b) -> Arrays.compareUnsigned(a.low(), b.low()));
        boolean reverse = sortReverse != null && sortReverse;
        BsonDocument bounds = describe(index, points, ranged ? range : null, reverse);
        return new Plan(index, ranges, reverse, sortReverse != null, bounds, equalities, ranged, List.of());
    }

    /**
     * Whether scanning the index gives the sort: the sort's fields are the index's fields after the equality ones,
     * all in the index's directions (forward) or all opposite (backward). Null if it does not.
     */
    private static Boolean sortOrder(
            IndexSpec index, List<String> fields, int equalities, BsonDocument sort, boolean singlePoints) {
        if (sort.isEmpty() || index.multikey() || !singlePoints) {
            return null;
        }
        List<String> sortFields = new ArrayList<>(sort.keySet());
        if (sortFields.size() > fields.size() - equalities) {
            return null;
        }
        Boolean reverse = null;
        for (int i = 0; i < sortFields.size(); i++) {
            if (!sortFields.get(i).equals(fields.get(equalities + i))) {
                return null;
            }
            BsonValue direction = sort.get(sortFields.get(i));
            if (!direction.isNumber()) {
                return null;
            }
            boolean sortDescending = direction.asNumber().doubleValue() < 0;
            boolean thisReverse = sortDescending != index.descending(equalities + i);
            if (reverse != null && reverse != thisReverse) {
                return null;
            }
            reverse = thisReverse;
        }
        return reverse;
    }

    private static KeyRange rangeKey(byte[] prefix, Conditions range, SortDirection direction, boolean multikey) {
        BsonValue low = range.low;
        BsonValue high = multikey && low != null ? null : range.high;
        CanonicalType type = CanonicalType.of(low != null ? low : high);
        byte typeByte = KeyEncoding.encode(low != null ? low : high)[0];
        byte[] lowValue = low == null ? new byte[] {typeByte} : KeyEncoding.encode(low);
        byte[] highValue = high == null ? new byte[] {(byte) (typeByte + 1)} : KeyEncoding.encode(high);
        boolean lowInclusive = low == null || range.lowInclusive;
        boolean highInclusive = high != null && range.highInclusive;
        if (direction == SortDirection.DESCENDING) {
            byte[] newLow = invert(highValue);
            byte[] newHigh = invert(lowValue);
            boolean newLowInclusive = highInclusive;
            boolean newHighInclusive = lowInclusive;
            if (high == null) {
                newLow = new byte[] {(byte) ~typeByte};
                newLowInclusive = true;
            }
            if (low == null) {
                newHigh = new byte[] {(byte) ((~typeByte & 0xFF) + 1)};
                newHighInclusive = false;
            }
            return new KeyRange(concat(prefix, newLow), newLowInclusive, concat(prefix, newHigh), newHighInclusive);
        }
        if (type == null) {
            throw new IllegalStateException();
        }
        return new KeyRange(concat(prefix, lowValue), lowInclusive, concat(prefix, highValue), highInclusive);
    }

    private static byte[] invert(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ~out[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static List<List<BsonValue>> cartesian(List<List<BsonValue>> points) {
        List<List<BsonValue>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (List<BsonValue> choices : points) {
            List<List<BsonValue>> next = new ArrayList<>();
            for (List<BsonValue> partial : result) {
                for (BsonValue choice : choices) {
                    List<BsonValue> extended = new ArrayList<>(partial);
                    extended.add(choice);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }

    /**
     * The bounds as explain shows them: per field, a list of intervals such as "[1, 1]" or "(5, inf.0]", each in the
     * order the scan meets them (a descending field, or a backward scan, lists them from high to low, ends swapped).
     * An open end of a range stops at the end of its type, as MongoDB's bounds do: {@code inf.0} for numbers,
     * {@code ""} and {@code {}} for strings.
     */
    private static BsonDocument describe(
            IndexSpec index, List<List<BsonValue>> points, Conditions range, boolean reverse) {
        List<String> fields = index.fields();
        BsonDocument bounds = new BsonDocument();
        for (int i = 0; i < fields.size(); i++) {
            List<String[]> intervals = new ArrayList<>();
            if (i < points.size()) {
                for (BsonValue point : points.get(i)) {
                    String v = ShellFormat.of(point);
                    intervals.add(new String[] {"[", v, v, "]"});
                }
            } else if (i == points.size() && range != null) {
                BsonValue high = index.multikey() && range.low != null ? null : range.high;
                CanonicalType type = CanonicalType.of(range.low != null ? range.low : high);
                String[] ends = typeEnds(type);
                String lowText = range.low == null ? ends[1] : ShellFormat.of(range.low);
                String lowBracket = range.low == null ? ends[0] : range.lowInclusive ? "[" : "(";
                String highText = high == null ? ends[2] : ShellFormat.of(high);
                String highBracket = high == null ? ends[3] : range.highInclusive ? "]" : ")";
                intervals.add(new String[] {lowBracket, lowText, highText, highBracket});
            } else {
                intervals.add(new String[] {"[", "MinKey", "MaxKey", "]"});
            }
            boolean flipped = index.descending(i) != reverse;
            if (flipped) {
                java.util.Collections.reverse(intervals);
            }
            BsonArray described = new BsonArray();
            for (String[] interval : intervals) {
                String text = flipped
                        ? flip(interval[3]) + interval[2] + ", " + interval[1] + flip(interval[0])
                        : interval[0] + interval[1] + ", " + interval[2] + interval[3];
                described.add(new BsonString(text));
            }
            bounds.append(fields.get(i), described);
        }
        return bounds;
    }

    /** The open ends of a range within one type: low bracket, low, high, high bracket. */
    private static String[] typeEnds(CanonicalType type) {
        return switch (type) {
            case NUMBER -> new String[] {"[", "-inf.0", "inf.0", "]"};
            case STRING -> new String[] {"[", "\"\"", "{}", ")"};
            default -> new String[] {"[", "MinKey", "MaxKey", "]"};
        };
    }

    private static String flip(String bracket) {
        return switch (bracket) {
            case "[" -> "]";
            case "]" -> "[";
            case "(" -> ")";
            default -> "(";
        };
    }

    /** What the filter says of one field: a set of equal values, or the ends of a range. */
    static final class Conditions {
        List<BsonValue> points;
        BsonValue low;
        boolean lowInclusive;
        BsonValue high;
        boolean highInclusive;
        boolean unusable;
    }

    /** Collects the indexable conditions of the filter's top level (and of a top-level {@code $and}). */
    private static void gather(BsonDocument filter, Map<String, Conditions> out) {
        for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
            String field = entry.getKey();
            BsonValue value = entry.getValue();
            if (field.equals("$and") && value.isArray()) {
                for (BsonValue clause : value.asArray()) {
                    if (clause.isDocument()) {
                        gather(clause.asDocument(), out);
                    }
                }
                continue;
            }
            if (field.startsWith("$")) {
                continue;
            }
            Conditions c = out.computeIfAbsent(field, f -> new Conditions());
            if (value.isDocument() && isOperatorDocument(value.asDocument())) {
                for (Map.Entry<String, BsonValue> op : value.asDocument().entrySet()) {
                    addOperator(c, op.getKey(), op.getValue());
                }
            } else {
                addPoints(c, List.of(value));
            }
            if (c.unusable) {
                out.remove(field);
                out.put(field, unusable());
            }
        }
        out.values().removeIf(c -> c.unusable);
    }

    private static Conditions unusable() {
        Conditions c = new Conditions();
        c.unusable = true;
        return c;
    }

    private static boolean isOperatorDocument(BsonDocument doc) {
        return !doc.isEmpty() && doc.getFirstKey().startsWith("$");
    }

    private static void addOperator(Conditions c, String op, BsonValue value) {
        switch (op) {
            case "$eq" -> addPoints(c, List.of(value));
            case "$in" -> {
                if (value.isArray()) {
                    addPoints(c, value.asArray().getValues());
                } else {
                    c.unusable = true;
                }
            }
            case "$gt", "$gte" -> {
                if (!rangeable(value) || (c.low != null && CanonicalType.of(c.low) != CanonicalType.of(value))) {
                    return;
                }
                c.low = value;
                c.lowInclusive = op.equals("$gte");
            }
            case "$lt", "$lte" -> {
                if (!rangeable(value) || (c.high != null && CanonicalType.of(c.high) != CanonicalType.of(value))) {
                    return;
                }
                c.high = value;
                c.highInclusive = op.equals("$lte");
            }
            default -> {
                // other operators ($ne, $exists, $regex, ...) narrow nothing here; the filter applies them
            }
        }
        if (c.low != null && c.high != null && CanonicalType.of(c.low) != CanonicalType.of(c.high)) {
            c.high = null;
        }
    }

    private static void addPoints(Conditions c, List<BsonValue> values) {
        for (BsonValue value : values) {
            if (value.isArray()
                    || value.isRegularExpression()
                    || (value.isDocument() && isOperatorDocument(value.asDocument()))) {
                c.unusable = true;
                return;
            }
        }
        List<BsonValue> sorted = new ArrayList<>(values);
        sorted.sort(io.wrongodb.bson.BsonOrder.INSTANCE);
        // equal values ({$in: [1, 1.0]}) are one point, or the scan would read their entries twice
        for (int i = sorted.size() - 1; i > 0; i--) {
            if (io.wrongodb.bson.BsonOrder.INSTANCE.compare(sorted.get(i), sorted.get(i - 1)) == 0) {
                sorted.remove(i);
            }
        }
        // two sets of points for one field are not intersected: on an array, each may match another element
        // ({a: [1, 3]} matches {$in: [1, 2]} and {$in: [2, 3]}), so either set alone bounds the scan; keep the smaller
        if (c.points == null || sorted.size() < c.points.size()) {
            c.points = sorted;
        }
        if (c.points.isEmpty()) {
            c.unusable = true;
        }
    }

    private static boolean rangeable(BsonValue value) {
        CanonicalType type = CanonicalType.of(value);
        if (value.isDouble() && Double.isNaN(value.asDouble().getValue())) {
            return false;
        }
        return switch (type) {
            case MIN_KEY, MAX_KEY, NULL, UNDEFINED, ARRAY -> false;
            default -> !value.isRegularExpression();
        };
    }
}
