package io.wrongodb.query;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code [<expression>, ...]}: an array of results; a missing one becomes null, as in MongoDB. */
final class ArrayExpression extends Expression {
    private final List<Expression> elements;

    ArrayExpression(List<Expression> elements) {
        this.elements = List.copyOf(elements);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonArray result = new BsonArray();
        for (Expression element : elements) {
            BsonValue value = element.evaluate(variables);
            result.add(value == null ? BsonNull.VALUE : value);
        }
        return result;
    }
}
