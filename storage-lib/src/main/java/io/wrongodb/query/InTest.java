package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonValue;

/**
 * {@code $in}: the value equals one of a set of values, or one of some regular expressions matches it. A null in
 * the set also matches missing and undefined, as {@code {$eq: null}} does.
 */
final class InTest implements ValueTest {
    private final TreeSet<BsonValue> equalities = new TreeSet<>(BsonOrder.INSTANCE);
    private final List<RegexTest> regexes;
    private final boolean hasNull;

    InTest(List<BsonValue> equalities, List<RegexTest> regexes) {
        this.equalities.addAll(equalities);
        this.regexes = List.copyOf(regexes);
        this.hasNull = equalities.stream().anyMatch(BsonValue::isNull);
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null || value.getBsonType() == org.bson.BsonType.UNDEFINED) {
            return hasNull;
        }
        if (equalities.contains(value)) {
            return true;
        }
        for (RegexTest regex : regexes) {
            if (regex.test(value, null)) {
                return true;
            }
        }
        return false;
    }
}
