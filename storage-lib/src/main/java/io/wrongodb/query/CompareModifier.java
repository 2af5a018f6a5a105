package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import org.bson.BsonValue;

/** $min and $max: replaces the value if the given one is lower (or higher) in MongoDB's order of all values. */
final class CompareModifier extends Modifier {
    private final BsonValue value;
    private final boolean keepLower;

    CompareModifier(BsonValue value, boolean keepLower) {
        this.value = value;
        this.keepLower = keepLower;
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        return copy(value);
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        int comparison = BsonOrder.INSTANCE.compare(value, target.element);
        boolean replace = keepLower ? comparison < 0 : comparison > 0;
        return replace ? copy(value) : null;
    }
}
