package io.wrongodb.query;

import org.bson.BsonValue;

/** {@code $exists: true}: the path leads to a value, null included. ({@code $exists: false} is its negation.) */
final class ExistsTest implements ValueTest {
    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        return value != null;
    }
}
