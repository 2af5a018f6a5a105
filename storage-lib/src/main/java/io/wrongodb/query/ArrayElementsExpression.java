package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Operators that pick, join or generate array elements: {@code $arrayElemAt $first $last $concatArrays $slice
 * $reverseArray $indexOfArray $range}. Null or missing arrays give null (except in {@code $range}, which needs
 * numbers); negative positions count from the end.
 */
final class ArrayElementsExpression extends ValueOperatorExpression {
    ArrayElementsExpression(String operator, List<Expression> arguments) {
        super(operator, arguments);
    }

    @Override
    BsonValue apply(List<BsonValue> values) {
        return switch (operator) {
            case "$arrayElemAt" -> elementAt(values.get(0), values.get(1));
            case "$first", "$last" -> firstOrLast(values.get(0));
            case "$concatArrays" -> concat(values);
            case "$slice" -> slice(values);
            case "$reverseArray" -> reverse(values.get(0));
            case "$indexOfArray" -> indexOf(values);
            default -> range(values);
        };
    }

    private static BsonValue elementAt(BsonValue array, BsonValue index) {
        if (isNullish(array) || isNullish(index)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(
                    28689, "$arrayElemAt's first argument must be an array, but is " + typeName(array));
        }
        if (!isNumber(index)) {
            throw MongoServerException.location(
                    28690, "$arrayElemAt's second argument must be a numeric value, but is " + typeName(index));
        }
        Integer i = wholeInt(index);
        if (i == null) {
            throw MongoServerException.location(
                    28691,
                    "$arrayElemAt's second argument must be representable as a 32-bit integer: "
                            + BsonText.number(index));
        }
        return at(array.asArray(), i);
    }

    private static BsonValue at(BsonArray array, int i) {
        int position = i < 0 ? array.size() + i : i;
        return position < 0 || position >= array.size() ? null : array.get(position);
    }

    private BsonValue firstOrLast(BsonValue array) {
        if (isNullish(array)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(
                    28689, operator + "'s argument must be an array, but is " + typeName(array));
        }
        return at(array.asArray(), operator.equals("$first") ? 0 : -1);
    }

    private static BsonValue concat(List<BsonValue> values) {
        BsonArray result = new BsonArray();
        for (BsonValue value : values) {
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
            if (!value.isArray()) {
                throw MongoServerException.location(
                        28664, "$concatArrays only supports arrays, not " + typeName(value));
            }
            result.addAll(value.asArray());
        }
        return result;
    }

    private static BsonValue slice(List<BsonValue> values) {
        for (BsonValue value : values) {
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
        }
        BsonValue array = values.get(0);
        if (!array.isArray()) {
            throw MongoServerException.location(
                    28724, "First argument to $slice must be an array, but is of type: " + typeName(array));
        }
        BsonValue second = values.get(1);
        if (!isNumber(second)) {
            throw MongoServerException.location(
                    28725, "Second argument to $slice must be a numeric value, but is of type: " + typeName(second));
        }
        Integer n = wholeInt(second);
        if (n == null) {
            throw MongoServerException.location(
                    28726,
                    "Second argument to $slice can't be represented as a 32-bit integer: " + BsonText.number(second));
        }
        List<BsonValue> elements = array.asArray().getValues();
        int size = elements.size();
        int from;
        int to;
        if (values.size() == 2) {
            from = n >= 0 ? 0 : Math.max(0, size + n);
            to = n >= 0 ? Math.min(size, n) : size;
        } else {
            BsonValue third = values.get(2);
            if (!isNumber(third)) {
                throw MongoServerException.location(
                        28727, "Third argument to $slice must be numeric, but is of type: " + typeName(third));
            }
            Integer count = wholeInt(third);
            if (count == null) {
                throw MongoServerException.location(
                        28728,
                        "Third argument to $slice can't be represented as a 32-bit integer: " + BsonText.number(third));
            }
            if (count <= 0) {
                throw MongoServerException.location(28729, "Third argument to $slice must be positive: " + count);
            }
            from = n >= 0 ? Math.min(n, size) : Math.max(0, size + n);
            to = (int) Math.min(size, (long) from + count);
        }
        return new BsonArray(elements.subList(from, to));
    }

    private static BsonValue reverse(BsonValue array) {
        if (isNullish(array)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(
                    34435, "The argument to $reverseArray must be an array, but was of type: " + typeName(array));
        }
        BsonArray result = new BsonArray();
        List<BsonValue> elements = array.asArray().getValues();
        for (int i = elements.size() - 1; i >= 0; i--) {
            result.add(elements.get(i));
        }
        return result;
    }

    private static BsonValue indexOf(List<BsonValue> values) {
        BsonValue array = values.get(0);
        if (isNullish(array)) {
            return BsonNull.VALUE;
        }
        if (!array.isArray()) {
            throw MongoServerException.location(
                    40090, "$indexOfArray requires an array as a first argument, found: " + typeName(array));
        }
        List<BsonValue> elements = array.asArray().getValues();
        int start = values.size() > 2 ? index(values.get(2), "starting") : 0;
        int end = values.size() > 3 ? Math.min(index(values.get(3), "ending"), elements.size()) : elements.size();
        for (int i = start; i < end; i++) {
            if (ComparisonExpression.compare(elements.get(i), values.get(1)) == 0) {
                return new BsonInt32(i);
            }
        }
        return new BsonInt32(-1);
    }

    private static int index(BsonValue value, String which) {
        Integer index = wholeInt(value);
        if (index == null) {
            throw MongoServerException.location(
                    40096,
                    "$indexOfArray requires an integral " + which + " index, found a value of type: " + typeName(value)
                            + ", with value: " + (value == null ? "missing" : BsonText.of(value)));
        }
        if (index < 0) {
            throw MongoServerException.location(
                    40097, "$indexOfArray requires a nonnegative " + which + " index, found: " + index);
        }
        return index;
    }

    private static BsonValue range(List<BsonValue> values) {
        int start = rangeNumber(values.get(0), "starting", 34443, 34444);
        int end = rangeNumber(values.get(1), "ending", 34445, 34446);
        int step = values.size() > 2 ? rangeNumber(values.get(2), "step", 34447, 34448) : 1;
        if (step == 0) {
            throw MongoServerException.location(34449, "$range requires a non-zero step value");
        }
        BsonArray result = new BsonArray();
        for (long i = start; step > 0 ? i < end : i > end; i += step) {
            result.add(new BsonInt32((int) i));
        }
        return result;
    }

    private static int rangeNumber(BsonValue value, String which, int typeCode, int wholeCode) {
        if (!isNumber(value)) {
            throw MongoServerException.location(
                    typeCode,
                    "$range requires a numeric " + which + " value, found value of type:"
                            + (which.equals("step") ? "" : " ") + typeName(value));
        }
        Integer n = wholeInt(value);
        if (n == null) {
            String article = which.equals("ending") ? "an" : "a";
            throw MongoServerException.location(
                    wholeCode,
                    "$range requires " + article + " " + which + " value that can be represented as a 32-bit integer,"
                            + " found value: " + BsonText.number(value));
        }
        return n;
    }
}
