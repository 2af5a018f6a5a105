package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bson.BsonValue;

/**
 * {@code $regex} (and a regular expression given as a value, in {@code $in} or {@code $all}): matches strings and
 * symbols the pattern finds a match in, and stored regular expressions with the same pattern and options. Options
 * are MongoDB's {@code i m s x}.
 */
final class RegexTest implements ValueTest {
    private final String pattern;
    private final String options;
    private final Pattern compiled;

    RegexTest(String pattern, String options) {
        this.pattern = pattern;
        this.options = options;
        if (pattern.indexOf('\0') >= 0) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE, "Regular expression cannot contain an embedded null byte");
        }
        try {
            this.compiled = Pattern.compile(pattern, flags(options));
        } catch (PatternSyntaxException e) {
            throw MongoServerException.location(51091, "Regular expression is invalid: " + e.getDescription());
        }
    }

    private static int flags(String options) {
        int flags = 0;
        for (char c : options.toCharArray()) {
            flags |= switch (c) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'u' -> 0; // PCRE's UTF-8 mode: Java strings are always Unicode.
                default -> throw MongoServerException.location(51108, "invalid flag in regex options: " + c);
            };
        }
        return flags;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            return false;
        }
        if (value.isString()) {
            return compiled.matcher(value.asString().getValue()).find();
        }
        if (value.isSymbol()) {
            return compiled.matcher(value.asSymbol().getSymbol()).find();
        }
        if (value.isRegularExpression()) {
            return pattern.equals(value.asRegularExpression().getPattern())
                    && options.equals(value.asRegularExpression().getOptions());
        }
        return false;
    }
}
