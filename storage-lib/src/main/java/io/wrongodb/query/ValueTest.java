package io.wrongodb.query;

import org.bson.BsonValue;

/**
 * A test of one value a path leads to, such as {@code $gt: 5} or {@code $size: 2}. {@code value} is null when the
 * path leads nowhere (the field is missing). A test that looks inside an array ({@code $elemMatch}) records the
 * position of the element that passed in {@code details}, when it is not null.
 */
interface ValueTest {
    boolean test(BsonValue value, MatchDetails details);
}
