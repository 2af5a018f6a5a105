package io.wrongodb.query;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonValue;

/**
 * {@code $elemMatch} with operators only ({@code {$elemMatch: {$gte: 80, $lt: 85}}}): the value is an array with
 * one element that passes every operator at once.
 */
final class ElemMatchValueTest implements ValueTest {
    private final List<MatchNode> conditions;

    ElemMatchValueTest(List<MatchNode> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null || !value.isArray()) {
            return false;
        }
        BsonArray array = value.asArray();
        for (int i = 0; i < array.size(); i++) {
            if (passesAll(array.get(i))) {
                if (details != null) {
                    details.recordArrayPosition(i);
                }
                return true;
            }
        }
        return false;
    }

    private boolean passesAll(BsonValue element) {
        for (MatchNode condition : conditions) {
            if (!condition.matchesValue(element, null)) {
                return false;
            }
        }
        return true;
    }
}
