package io.wrongodb.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * All the values a dotted path reaches in a document, going into every element of the arrays on the way and taking
 * the elements of an array at the end: what {@code $lookup} compares its {@code localField} by.
 */
final class FieldValues {
    private FieldValues() {}

    static List<BsonValue> of(BsonDocument document, String path) {
        List<BsonValue> values = new ArrayList<>();
        collect(document, path.split("\\.", -1), 0, values);
        return values;
    }

    private static void collect(BsonValue value, String[] steps, int step, List<BsonValue> values) {
        if (step == steps.length) {
            if (value.isArray()) {
                values.addAll(value.asArray().getValues());
            } else {
                values.add(value);
            }
            return;
        }
        if (value.isDocument()) {
            BsonValue child = value.asDocument().get(steps[step]);
            if (child != null) {
                collect(child, steps, step + 1, values);
            }
        } else if (value.isArray()) {
            for (BsonValue element : value.asArray()) {
                if (element.isDocument()) {
                    collect(element, steps, step, values);
                }
            }
        }
    }
}
