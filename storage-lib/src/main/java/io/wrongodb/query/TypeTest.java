package io.wrongodb.query;

import java.util.EnumSet;
import java.util.Set;
import org.bson.BsonType;
import org.bson.BsonValue;

/** {@code $type}: the value is of one of some BSON types ("number" stands for all four number types). */
final class TypeTest implements ValueTest {
    private final Set<BsonType> types;
    private final boolean allNumbers;

    TypeTest(Set<BsonType> types, boolean allNumbers) {
        this.types = types.isEmpty() ? EnumSet.noneOf(BsonType.class) : EnumSet.copyOf(types);
        this.allNumbers = allNumbers;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            return false;
        }
        return types.contains(value.getBsonType())
                || (allNumbers && value.isNumber())
                || (allNumbers && value.isDecimal128());
    }
}
