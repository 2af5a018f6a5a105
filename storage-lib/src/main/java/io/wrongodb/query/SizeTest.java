package io.wrongodb.query;

import org.bson.BsonValue;

/** {@code $size}: the value is an array of exactly that many elements. */
final class SizeTest implements ValueTest {
    private final int size;

    SizeTest(int size) {
        this.size = size;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        return value != null && value.isArray() && value.asArray().size() == size;
    }
}
