package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonValue;

/** $pop: removes the last element of an array (1) or the first (-1). */
final class PopModifier extends Modifier {
    private final boolean first;

    private PopModifier(boolean first) {
        this.first = first;
    }

    static PopModifier parse(String field, BsonValue spec) {
        if (!BsonArithmetic.isNumber(spec)) {
            throw badValue("Expected a number in: " + BsonText.element(field, spec));
        }
        double value = spec.isDecimal128()
                ? spec.asDecimal128().getValue().doubleValue()
                : spec.asNumber().doubleValue();
        if (value != 1 && value != -1) {
            throw badValue("$pop expects 1 or -1, found: " + BsonText.value(spec));
        }
        return new PopModifier(value < 0);
    }

    @Override
    boolean createsPath() {
        return false;
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        if (!target.element.isArray()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "Path '" + target.takenPath() + "' contains an element of non-array type '"
                            + BsonText.typeName(target.element) + "'");
        }
        BsonArray array = target.element.asArray().clone();
        if (array.isEmpty()) {
            return null;
        }
        array.remove(first ? 0 : array.size() - 1);
        return array;
    }
}
