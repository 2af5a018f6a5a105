package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Arrays as sets, elements equal when MongoDB's order says so (1 and 1.0 are one element): {@code $setUnion
 * $setIntersection $setDifference $setEquals $setIsSubset $allElementsTrue $anyElementTrue}. Union and
 * intersection come out in sort order, difference in the first array's order, duplicates removed.
 */
final class SetExpression extends ValueOperatorExpression {
    SetExpression(String operator, List<Expression> arguments) {
        super(operator, arguments);
    }

    private static TreeSet<BsonValue> set(Iterable<BsonValue> elements) {
        TreeSet<BsonValue> set = new TreeSet<>(ComparisonExpression::compare);
        for (BsonValue element : elements) {
            set.add(element);
        }
        return set;
    }

    @Override
    BsonValue apply(List<BsonValue> values) {
        switch (operator) {
            case "$setUnion":
            case "$setIntersection": {
                boolean union = operator.equals("$setUnion");
                TreeSet<BsonValue> result = null;
                boolean sawNull = false;
                for (BsonValue value : values) {
                    if (isNullish(value)) {
                        sawNull = true;
                        continue;
                    }
                    if (!value.isArray()) {
                        throw MongoServerException.location(
                                union ? 17043 : 17047,
                                "All operands of " + operator + " must be arrays. One argument is of type: "
                                        + typeName(value));
                    }
                    if (result == null) {
                        result = set(value.asArray());
                    } else if (union) {
                        result.addAll(value.asArray());
                    } else {
                        result.retainAll(set(value.asArray()));
                    }
                }
                if (sawNull) {
                    return BsonNull.VALUE;
                }
                return result == null ? new BsonArray() : new BsonArray(List.copyOf(result));
            }
            case "$setDifference": {
                BsonValue first = values.get(0);
                BsonValue second = values.get(1);
                if (isNullish(first) || isNullish(second)) {
                    return BsonNull.VALUE;
                }
                if (!first.isArray()) {
                    throw MongoServerException.location(
                            17048,
                            "both operands of $setDifference must be arrays. First argument is of type: "
                                    + typeName(first));
                }
                if (!second.isArray()) {
                    throw MongoServerException.location(
                            17049,
                            "both operands of $setDifference must be arrays. Second argument is of type: "
                                    + typeName(second));
                }
                TreeSet<BsonValue> excluded = set(second.asArray());
                TreeSet<BsonValue> seen = set(List.of());
                BsonArray result = new BsonArray();
                for (BsonValue element : first.asArray()) {
                    if (!excluded.contains(element) && seen.add(element)) {
                        result.add(element);
                    }
                }
                return result;
            }
            case "$setEquals": {
                TreeSet<BsonValue> first = null;
                for (int i = 0; i < values.size(); i++) {
                    BsonValue value = values.get(i);
                    if (value == null || !value.isArray()) {
                        throw MongoServerException.location(
                                17044,
                                "All operands of $setEquals must be arrays. " + (i + 1) + "-th argument is of type: "
                                        + typeName(value));
                    }
                    TreeSet<BsonValue> set = set(value.asArray());
                    if (first == null) {
                        first = set;
                    } else if (!first.equals(set)) {
                        return BsonBoolean.FALSE;
                    }
                }
                return BsonBoolean.TRUE;
            }
            case "$setIsSubset": {
                BsonValue first = values.get(0);
                BsonValue second = values.get(1);
                if (first == null || !first.isArray()) {
                    throw MongoServerException.location(
                            17046,
                            "both operands of $setIsSubset must be arrays. First argument is of type: "
                                    + typeName(first));
                }
                if (second == null || !second.isArray()) {
                    throw MongoServerException.location(
                            17042,
                            "both operands of $setIsSubset must be arrays. Second argument is of type: "
                                    + typeName(second));
                }
                return BsonBoolean.valueOf(set(second.asArray()).containsAll(set(first.asArray())));
            }
            default: {
                BsonValue array = values.get(0);
                if (array == null || !array.isArray()) {
                    throw MongoServerException.location(
                            operator.equals("$allElementsTrue") ? 17040 : 17041,
                            operator + "'s argument must be an array, but is " + typeName(array));
                }
                boolean all = operator.equals("$allElementsTrue");
                for (BsonValue element : array.asArray()) {
                    if (isTrue(element) != all) {
                        return BsonBoolean.valueOf(!all);
                    }
                }
                return BsonBoolean.valueOf(all);
            }
        }
    }
}
