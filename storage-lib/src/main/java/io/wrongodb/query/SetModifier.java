package io.wrongodb.query;

import org.bson.BsonValue;

/** $set and $setOnInsert: puts a value at the path, creating it if needed. */
final class SetModifier extends Modifier {
    private final BsonValue value;
    private final boolean insertOnly;

    SetModifier(BsonValue value, boolean insertOnly) {
        this.value = value;
        this.insertOnly = insertOnly;
    }

    @Override
    boolean insertOnly() {
        return insertOnly;
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        return copy(value);
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        return target.element.equals(value) ? null : copy(value);
    }
}
