package io.wrongodb.query;

import java.util.OptionalInt;

/**
 * What a match learned besides yes or no: the position, in the first array the filter's path walked through, of
 * the element that made it match. The positional update operator {@code $} and the positional projection
 * {@code a.$} use it. Pass a fresh one to each {@link Filter#matches(org.bson.BsonDocument, MatchDetails)} call.
 */
public final class MatchDetails {
    private int arrayPosition = -1;

    /** Records the position unless one was already recorded (the first array matched wins, as in MongoDB). */
    public void recordArrayPosition(int position) {
        if (arrayPosition < 0) {
            arrayPosition = position;
        }
    }

    public OptionalInt arrayPosition() {
        return arrayPosition < 0 ? OptionalInt.empty() : OptionalInt.of(arrayPosition);
    }

    /** Forgets the position: used when a branch that recorded one turns out not to match. */
    public void clear() {
        arrayPosition = -1;
    }
}
