package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code $replaceOne} and {@code $replaceAll: {input, find, replacement}}: replaces the first or every occurrence
 * of a string (no regular expressions). Any null or missing argument gives null.
 */
final class ReplaceExpression extends Expression {
    private final String operator;
    private final Expression input;
    private final Expression find;
    private final Expression replacement;

    ReplaceExpression(String operator, Expression input, Expression find, Expression replacement) {
        this.operator = operator;
        this.input = input;
        this.find = find;
        this.replacement = replacement;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue text = input.evaluate(variables);
        BsonValue target = find.evaluate(variables);
        BsonValue with = replacement.evaluate(variables);
        check(text, "input", 51746);
        check(target, "find", 51745);
        check(with, "replacement", 51744);
        if (isNullish(text) || isNullish(target) || isNullish(with)) {
            return BsonNull.VALUE;
        }
        String s = text.asString().getValue();
        String f = target.asString().getValue();
        String r = with.asString().getValue();
        if (operator.equals("$replaceAll")) {
            if (f.isEmpty()) {
                StringBuilder out = new StringBuilder(r);
                s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(r));
                return new BsonString(out.toString());
            }
            return new BsonString(s.replace(f, r));
        }
        int at = s.indexOf(f);
        return at < 0 ? text : new BsonString(s.substring(0, at) + r + s.substring(at + f.length()));
    }

    private void check(BsonValue value, String name, int code) {
        if (!isNullish(value) && !value.isString()) {
            throw MongoServerException.location(
                    code, operator + " requires that '" + name + "' be a string, found: " + BsonText.of(value));
        }
    }
}
