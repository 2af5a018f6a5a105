package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonValue;

/**
 * A leaf of a parsed update: one operator ($set, $inc, $push, ...) on one path. Subclasses say what the operator
 * makes of an existing value and what it puts at a path that does not exist; this class walks the common rules:
 * creating the missing path, refusing to touch {@code _id}, and skipping $setOnInsert outside an upsert.
 */
abstract class Modifier extends UpdateNode {
    /** Returned by {@link #update} to remove the value at the path. */
    static final BsonValue REMOVE = new org.bson.BsonUndefined();

    /** True for $setOnInsert: applies only when an upsert inserts. */
    boolean insertOnly() {
        return false;
    }

    /** False for the operators that do nothing at a missing path ($unset, $pop, $pull, $pullAll). */
    boolean createsPath() {
        return true;
    }

    /** True if a missing path that could not even be created is not an error ($unset). */
    boolean ignoresNonViablePath() {
        return false;
    }

    /** The value to create at a missing path; only called if {@link #createsPath()}. */
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        throw new UnsupportedOperationException();
    }

    /** The new value for {@code target.element}, {@link #REMOVE}, or null when the operator changes nothing. */
    abstract BsonValue update(UpdateTarget target, UpdateContext context);

    @Override
    void apply(UpdateTarget target, UpdateContext context) {
        if (insertOnly() && !context.inserting) {
            return;
        }
        if (!target.exists()) {
            if (!createsPath()) {
                if (!ignoresNonViablePath()) {
                    target.checkViable();
                }
                return;
            }
            BsonValue value = valueForMissing(target, context);
            if (target.taken.isEmpty() && target.toCreate.get(0).startsWith("$")) {
                String name = target.toCreate.get(0);
                throw new MongoServerException(
                        ErrorCode.DOLLAR_PREFIXED_FIELD_NAME,
                        "The dollar ($) prefixed field '" + name + "' in '" + name
                                + "' is not allowed in the context of an update's replacement document. Consider"
                                + " using an aggregation pipeline with $replaceWith.");
            }
            target.create(value);
            if (!target.taken.isEmpty() && target.taken.get(0).equals(UpdateContext.ID)) {
                throw new MongoServerException(
                        ErrorCode.IMMUTABLE_FIELD,
                        "Updating the path '" + target.takenPath() + "' to " + target.elementText()
                                + " would modify the immutable field '_id'");
            }
            return;
        }
        BsonValue value = update(target, context);
        if (value == null) {
            return;
        }
        UpdateContext.checkNotImmutable(target.taken);
        if (value == REMOVE) {
            target.remove();
        } else {
            target.replace(value);
        }
    }

    /** A copy of a value from the update, so that the updated document never shares a mutable value with it. */
    static BsonValue copy(BsonValue value) {
        if (value.isDocument()) {
            return value.asDocument().clone();
        }
        if (value.isArray()) {
            return value.asArray().clone();
        }
        return value;
    }

    static MongoServerException badValue(String message) {
        return new MongoServerException(ErrorCode.BAD_VALUE, message);
    }
}
