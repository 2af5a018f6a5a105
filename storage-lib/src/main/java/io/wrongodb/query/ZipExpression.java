package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $zip: {inputs, useLongestLength, defaults}}: transposes arrays into an array of tuples, as long as the
 * shortest input or, with useLongestLength, the longest (missing places take the defaults, else null). A null or
 * missing input gives null.
 */
final class ZipExpression extends Expression {
    private final List<Expression> inputs;
    private final boolean useLongestLength;
    private final List<Expression> defaults;

    ZipExpression(List<Expression> inputs, boolean useLongestLength, List<Expression> defaults) {
        this.inputs = List.copyOf(inputs);
        this.useLongestLength = useLongestLength;
        this.defaults = defaults == null ? null : List.copyOf(defaults);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        List<BsonArray> arrays = new ArrayList<>();
        for (Expression input : inputs) {
            BsonValue value = input.evaluate(variables);
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
            if (!value.isArray()) {
                throw MongoServerException.location(
                        34468, "$zip found a non-array expression in input: " + BsonText.of(value));
            }
            arrays.add(value.asArray());
        }
        List<BsonValue> fill = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            BsonValue value = defaults == null ? null : defaults.get(i).evaluate(variables);
            fill.add(value == null ? BsonNull.VALUE : value);
        }
        int length = useLongestLength ? 0 : Integer.MAX_VALUE;
        for (BsonArray array : arrays) {
            length = useLongestLength ? Math.max(length, array.size()) : Math.min(length, array.size());
        }
        BsonArray result = new BsonArray();
        for (int row = 0; row < length; row++) {
            BsonArray tuple = new BsonArray();
            for (int i = 0; i < arrays.size(); i++) {
                BsonArray array = arrays.get(i);
                tuple.add(row < array.size() ? array.get(row) : fill.get(i));
            }
            result.add(tuple);
        }
        return result;
    }
}
