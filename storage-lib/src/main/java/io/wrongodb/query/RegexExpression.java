package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code $regexMatch}, {@code $regexFind} and {@code $regexFindAll: {input, regex, options}}: whether the string
 * matches, the first match as {@code {match, idx, captures}} ({@code idx} counts code points), or all matches.
 * Options are i, m, s and x. A null or missing input or regex gives false, null or an empty array.
 */
final class RegexExpression extends Expression {
    private final String operator;
    private final Expression input;
    private final Expression regex;
    private final Expression options;

    RegexExpression(String operator, Expression input, Expression regex, Expression options) {
        this.operator = operator;
        this.input = input;
        this.regex = regex;
        this.options = options;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue text = input.evaluate(variables);
        BsonValue pattern = regex.evaluate(variables);
        BsonValue flags = options == null ? null : options.evaluate(variables);
        if (!isNullish(text) && !text.isString()) {
            throw MongoServerException.location(51104, operator + " needs 'input' to be of type string");
        }
        if (!isNullish(pattern) && !pattern.isString() && !pattern.isRegularExpression()) {
            throw MongoServerException.location(51105, operator + " needs 'regex' to be of type string or regex");
        }
        if (!isNullish(flags) && !flags.isString()) {
            throw MongoServerException.location(51106, operator + " needs 'options' to be of type string");
        }
        if (isNullish(text) || isNullish(pattern)) {
            return switch (operator) {
                case "$regexMatch" -> BsonBoolean.FALSE;
                case "$regexFind" -> BsonNull.VALUE;
                default -> new BsonArray();
            };
        }
        String source;
        String optionText = isNullish(flags) ? "" : flags.asString().getValue();
        if (pattern.isRegularExpression()) {
            source = pattern.asRegularExpression().getPattern();
            String own = pattern.asRegularExpression().getOptions();
            if (!own.isEmpty() && !optionText.isEmpty()) {
                throw MongoServerException.location(
                        51107, operator + ": found regex option(s) specified in both 'regex' and 'option' fields");
            }
            optionText = own.isEmpty() ? optionText : own;
        } else {
            source = pattern.asString().getValue();
        }
        Matcher matcher = compile(source, optionText).matcher(text.asString().getValue());
        switch (operator) {
            case "$regexMatch":
                return BsonBoolean.valueOf(matcher.find());
            case "$regexFind":
                return matcher.find() ? match(matcher, text.asString().getValue()) : BsonNull.VALUE;
            default: {
                BsonArray all = new BsonArray();
                String s = text.asString().getValue();
                int from = 0;
                while (from <= s.length() && matcher.find(from)) {
                    all.add(match(matcher, s));
                    if (matcher.end() > matcher.start()) {
                        from = matcher.end();
                    } else if (matcher.end() < s.length()) {
                        from = matcher.end() + Character.charCount(s.codePointAt(matcher.end()));
                    } else {
                        break;
                    }
                }
                return all;
            }
        }
    }

    private Pattern compile(String source, String optionText) {
        int flags = 0;
        for (char c : optionText.toCharArray()) {
            flags |= switch (c) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                default ->
                    throw MongoServerException.location(51108, operator + " invalid flag in regex options: " + c);
            };
        }
        try {
            return Pattern.compile(source, flags);
        } catch (PatternSyntaxException e) {
            throw MongoServerException.location(51111, "Invalid Regex in " + operator + ": " + e.getDescription());
        }
    }

    private static BsonDocument match(Matcher matcher, String s) {
        BsonArray captures = new BsonArray();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            String captured = matcher.group(group);
            captures.add(captured == null ? BsonNull.VALUE : new BsonString(captured));
        }
        return new BsonDocument("match", new BsonString(matcher.group()))
                .append("idx", new BsonInt32(s.codePointCount(0, matcher.start())))
                .append("captures", captures);
    }
}
