package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.bson.CanonicalType;
import io.wrongodb.catalog.IndexSpec;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * When an index that holds only some documents may answer a query unhinted, as MongoDB decides it: a sparse index
 * holds the documents that have one of its fields, so the filter must bound one of them to values other than
 * null; a partial index holds the documents its {@code partialFilterExpression} matches, so the filter must imply
 * that expression. The check is conservative: each clause of the expression must follow from the filter's
 * equalities and ranges on the same field ({@code {a: {$gte: 8}}} implies {@code {a: {$gt: 5}}} and
 * {@code {a: {$exists: true}}}); anything it cannot prove leaves the index out, and a hint still forces it.
 */
final class SubsetIndexes {
    private SubsetIndexes() {}

    static boolean sparseServes(IndexSpec index, Map<String, Planner.Conditions> conditions) {
        for (String field : index.fields()) {
            if (excludesMissing(conditions.get(field))) {
                return true;
            }
        }
        return false;
    }

    static boolean implies(Map<String, Planner.Conditions> conditions, BsonDocument partialFilter) {
        for (Map.Entry<String, BsonValue> clause : partialFilter.entrySet()) {
            String field = clause.getKey();
            BsonValue condition = clause.getValue();
            if (field.equals("$and") && condition.isArray()) {
                for (BsonValue each : condition.asArray()) {
                    if (!each.isDocument() || !implies(conditions, each.asDocument())) {
                        return false;
                    }
                }
                continue;
            }
            if (field.startsWith("$")) {
                return false;
            }
            Planner.Conditions c = conditions.get(field);
            if (c == null) {
                return false;
            }
            boolean operators = condition.isDocument()
                    && !condition.asDocument().isEmpty()
                    && condition.asDocument().getFirstKey().startsWith("$");
            if (!operators) {
                if (!impliesOperator(c, "$eq", condition)) {
                    return false;
                }
                continue;
            }
            for (Map.Entry<String, BsonValue> op : condition.asDocument().entrySet()) {
                if (!impliesOperator(c, op.getKey(), op.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean impliesOperator(Planner.Conditions c, String op, BsonValue value) {
        return switch (op) {
            case "$exists" -> Expression.isTrue(value) && excludesMissing(c);
            case "$eq" ->
                c.points != null
                        && !value.isArray()
                        && !value.isDocument()
                        && c.points.stream().allMatch(p -> compare(p, value) == 0);
            case "$gt", "$gte" -> {
                boolean strict = op.equals("$gt");
                if (c.points != null) {
                    yield c.points.stream().allMatch(p -> above(p, value, strict));
                }
                yield c.low != null
                        && sameType(c.low, value)
                        && (compare(c.low, value) > 0 || (compare(c.low, value) == 0 && (!strict || !c.lowInclusive)));
            }
            case "$lt", "$lte" -> {
                boolean strict = op.equals("$lt");
                if (c.points != null) {
                    yield c.points.stream().allMatch(p -> below(p, value, strict));
                }
                yield c.high != null
                        && sameType(c.high, value)
                        && (compare(c.high, value) < 0
                                || (compare(c.high, value) == 0 && (!strict || !c.highInclusive)));
            }
            default -> false;
        };
    }

    /** True when the conditions match no document whose field is null or missing. */
    private static boolean excludesMissing(Planner.Conditions c) {
        if (c == null) {
            return false;
        }
        if (c.points != null) {
            return c.points.stream().noneMatch(SubsetIndexes::nullish);
        }
        return c.low != null || c.high != null;
    }

    private static boolean nullish(BsonValue value) {
        return value.isNull() || value.getBsonType() == BsonType.UNDEFINED;
    }

    private static boolean above(BsonValue point, BsonValue bound, boolean strict) {
        return sameType(point, bound) && (strict ? compare(point, bound) > 0 : compare(point, bound) >= 0);
    }

    private static boolean below(BsonValue point, BsonValue bound, boolean strict) {
        return sameType(point, bound) && (strict ? compare(point, bound) < 0 : compare(point, bound) <= 0);
    }

    private static boolean sameType(BsonValue a, BsonValue b) {
        return CanonicalType.of(a) == CanonicalType.of(b);
    }

    private static int compare(BsonValue a, BsonValue b) {
        return BsonOrder.INSTANCE.compare(a, b);
    }
}
