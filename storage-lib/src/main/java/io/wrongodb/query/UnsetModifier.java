package io.wrongodb.query;

import org.bson.BsonValue;

/** $unset: removes the field; an array element is set to null instead. Nothing happens at a missing path. */
final class UnsetModifier extends Modifier {
    @Override
    boolean createsPath() {
        return false;
    }

    @Override
    boolean ignoresNonViablePath() {
        return true;
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        return REMOVE;
    }
}
