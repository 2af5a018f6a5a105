package io.wrongodb.query;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code "$a.b"}, {@code "$$ROOT.a"} or {@code "$$item.a"}: the value at a path under a variable ({@code CURRENT}
 * for a plain field path). Where the path crosses an array the result is the array of what the rest of the path
 * gives for each document element; other elements, nested arrays included, are skipped, as in MongoDB. Numeric
 * components are field names, not positions. {@code $$REMOVE} is always missing.
 */
final class FieldPathExpression extends Expression {
    private final String variable;
    private final String[] path;

    /** {@code variable} is the variable's name without {@code $$}, or null for {@code $$REMOVE}. */
    FieldPathExpression(String variable, String[] path) {
        this.variable = variable;
        this.path = path;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        if (variable == null) {
            return null;
        }
        BsonValue base = variables.get(variable);
        if (path.length == 0 || base == null) {
            return base;
        }
        if (base.isDocument()) {
            return inDocument(base.asDocument(), 0);
        }
        if (base.isArray()) {
            return inArray(base.asArray(), 0);
        }
        return null;
    }

    private BsonValue inDocument(BsonDocument document, int index) {
        BsonValue field = document.get(path[index]);
        if (field == null || index == path.length - 1) {
            return field;
        }
        if (field.isDocument()) {
            return inDocument(field.asDocument(), index + 1);
        }
        if (field.isArray()) {
            return inArray(field.asArray(), index + 1);
        }
        return null;
    }

    private BsonValue inArray(BsonArray array, int index) {
        BsonArray result = new BsonArray();
        for (BsonValue element : array) {
            BsonValue nested = element.isDocument() ? inDocument(element.asDocument(), index) : null;
            if (nested != null) {
                result.add(nested);
            }
        }
        return result;
    }
}
