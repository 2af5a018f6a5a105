package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonValue;

/** $addToSet: appends the values (one, or those of {@code $each}) that the array does not already hold. */
final class AddToSetModifier extends Modifier {
    private final List<BsonValue> values;

    private AddToSetModifier(List<BsonValue> values) {
        this.values = values;
    }

    static AddToSetModifier parse(BsonValue spec) {
        List<BsonValue> values = List.of(spec);
        if (spec.isDocument()
                && !spec.asDocument().isEmpty()
                && spec.asDocument().getFirstKey().equals("$each")) {
            BsonValue each = spec.asDocument().get("$each");
            if (!each.isArray()) {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH,
                        "The argument to $each in $addToSet must be an array but it was of type "
                                + BsonText.typeName(each));
            }
            if (spec.asDocument().size() > 1) {
                throw badValue(
                        "Found unexpected fields after $each in $addToSet: " + BsonText.document(spec.asDocument()));
            }
            values = each.asArray().getValues();
        }
        List<BsonValue> distinct = new ArrayList<>();
        for (BsonValue value : values) {
            if (!contains(distinct, value)) {
                distinct.add(value);
            }
        }
        return new AddToSetModifier(distinct);
    }

    private static boolean contains(List<BsonValue> values, BsonValue value) {
        for (BsonValue candidate : values) {
            if (BsonOrder.INSTANCE.compare(candidate, value) == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        BsonArray array = new BsonArray();
        values.forEach(value -> array.add(copy(value)));
        return array;
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        if (!target.element.isArray()) {
            throw badValue("Cannot apply $addToSet to non-array field. Field named '" + target.key
                    + "' has non-array type " + BsonText.typeName(target.element));
        }
        BsonArray array = target.element.asArray().clone();
        boolean added = false;
        for (BsonValue value : values) {
            if (!contains(target.element.asArray().getValues(), value)) {
                array.add(copy(value));
                added = true;
            }
        }
        return added ? array : null;
    }
}
