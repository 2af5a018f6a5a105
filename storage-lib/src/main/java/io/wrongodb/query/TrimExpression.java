package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code $trim}, {@code $ltrim} and {@code $rtrim: {input, chars}}: removes the code points of {@code chars} (by
 * default whitespace and the null character, as MongoDB defines them) from both ends, the start or the end.
 */
final class TrimExpression extends Expression {
    private static final String WHITESPACE = "\u0000 \t\n\u000B\f\r\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            + "\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    private final String operator;
    private final Expression input;
    private final Expression chars;

    TrimExpression(String operator, Expression input, Expression chars) {
        this.operator = operator;
        this.input = input;
        this.chars = chars;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue value = input.evaluate(variables);
        if (isNullish(value)) {
            return BsonNull.VALUE;
        }
        if (!value.isString()) {
            throw MongoServerException.location(
                    50699,
                    operator + " requires its input to be a string, got " + BsonText.of(value) + " (of type "
                            + typeName(value) + ") instead.");
        }
        String trimmed = WHITESPACE;
        if (chars != null) {
            BsonValue set = chars.evaluate(variables);
            if (isNullish(set)) {
                return BsonNull.VALUE;
            }
            if (!set.isString()) {
                throw MongoServerException.location(
                        50700,
                        operator + " requires 'chars' to be a string, got " + BsonText.of(set) + " (of type "
                                + typeName(set) + ") instead.");
            }
            trimmed = set.asString().getValue();
        }
        int[] codePoints = value.asString().getValue().codePoints().toArray();
        int begin = 0;
        int end = codePoints.length;
        if (!operator.equals("$rtrim")) {
            while (begin < end && trimmed.indexOf(codePoints[begin]) >= 0) {
                begin++;
            }
        }
        if (!operator.equals("$ltrim")) {
            while (end > begin && trimmed.indexOf(codePoints[end - 1]) >= 0) {
                end--;
            }
        }
        return new BsonString(new String(codePoints, begin, end - begin));
    }
}
