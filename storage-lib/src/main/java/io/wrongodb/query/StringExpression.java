package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * String operators over positional arguments: {@code $concat $toUpper $toLower $substr $substrBytes $substrCP
 * $strLenBytes $strLenCP $split $indexOfBytes $indexOfCP $strcasecmp}. "CP" operators count Unicode code points,
 * "Bytes" ones UTF-8 bytes. Case changes touch only ASCII letters, as in MongoDB.
 */
final class StringExpression extends ValueOperatorExpression {
    StringExpression(String operator, List<Expression> arguments) {
        super(operator, arguments);
    }

    @Override
    BsonValue apply(List<BsonValue> values) {
        return switch (operator) {
            case "$concat" -> concat(values);
            case "$toUpper" -> new BsonString(asciiCase(coerce(values.get(0)), true));
            case "$toLower" -> new BsonString(asciiCase(coerce(values.get(0)), false));
            case "$substr", "$substrBytes" -> substrBytes(values);
            case "$substrCP" -> substrCodePoints(values);
            case "$strLenBytes" -> new BsonInt32(utf8(requireString(values.get(0), 34473)).length);
            case "$strLenCP" -> {
                String s = requireString(values.get(0), 34471);
                yield new BsonInt32(s.codePointCount(0, s.length()));
            }
            case "$split" -> split(values.get(0), values.get(1));
            case "$strcasecmp" -> {
                int c = asciiCase(coerce(values.get(0)), true).compareTo(asciiCase(coerce(values.get(1)), true));
                yield new BsonInt32(Integer.signum(c));
            }
            default -> indexOf(values);
        };
    }

    private String requireString(BsonValue value, int code) {
        if (value == null || !value.isString()) {
            throw MongoServerException.location(
                    code, operator + " requires a string argument, found: " + typeName(value));
        }
        return value.asString().getValue();
    }

    private static BsonValue concat(List<BsonValue> values) {
        StringBuilder result = new StringBuilder();
        for (BsonValue value : values) {
            if (isNullish(value)) {
                return BsonNull.VALUE;
            }
            if (!value.isString()) {
                throw MongoServerException.location(16702, "$concat only supports strings, not " + typeName(value));
            }
            result.append(value.asString().getValue());
        }
        return new BsonString(result.toString());
    }

    /** A value as a string the way string operators take one: null and missing are "", numbers and dates text. */
    static String coerce(BsonValue value) {
        if (isNullish(value)) {
            return "";
        }
        return switch (value.getBsonType()) {
            case STRING -> value.asString().getValue();
            case SYMBOL -> value.asSymbol().getSymbol();
            case JAVASCRIPT -> value.asJavaScript().getCode();
            case INT32, INT64, DOUBLE, DECIMAL128 -> TypeConversion.numberText(value);
            case DATE_TIME -> DateText.iso(value.asDateTime().getValue());
            case TIMESTAMP ->
                "Timestamp(" + value.asTimestamp().getTime() + ", "
                        + value.asTimestamp().getInc() + ")";
            default ->
                throw MongoServerException.location(
                        16007, "can't convert from BSON type " + typeName(value) + " to String");
        };
    }

    private static String asciiCase(String s, boolean upper) {
        StringBuilder result = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (upper && c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            result.append(c);
        }
        return result.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private BsonValue substrBytes(List<BsonValue> values) {
        byte[] bytes = utf8(coerce(values.get(0)));
        BsonValue start = values.get(1);
        BsonValue length = values.get(2);
        if (!isNumber(start)) {
            throw MongoServerException.location(
                    16034,
                    operator + ":  starting index must be a numeric type (is BSON type " + typeName(start) + ")");
        }
        if (!isNumber(length)) {
            throw MongoServerException.location(
                    16035, operator + ":  length must be a numeric type (is BSON type " + typeName(length) + ")");
        }
        long lower = truncated(start);
        long count = truncated(length);
        if (lower < 0 || lower >= bytes.length) {
            return new BsonString("");
        }
        if (isContinuation(bytes, (int) lower)) {
            throw MongoServerException.location(
                    28656, operator + ":  Invalid range, starting index is a UTF-8 continuation byte.");
        }
        long upper = count < 0 || lower + count > bytes.length ? bytes.length : lower + count;
        if (upper < bytes.length && isContinuation(bytes, (int) upper)) {
            throw MongoServerException.location(
                    28657, operator + ":  Invalid range, ending index is in the middle of a UTF-8 character.");
        }
        return new BsonString(new String(bytes, (int) lower, (int) (upper - lower), StandardCharsets.UTF_8));
    }

    private static boolean isContinuation(byte[] bytes, int index) {
        return (bytes[index] & 0xC0) == 0x80;
    }

    private static long truncated(BsonValue number) {
        if (number.isDecimal128()) {
            org.bson.types.Decimal128 d = number.asDecimal128().getValue();
            return d.isNaN() || d.isInfinite() ? 0 : ModTest.exact(d).longValue();
        }
        return number.asNumber().longValue();
    }

    private BsonValue substrCodePoints(List<BsonValue> values) {
        String s = coerce(values.get(0));
        BsonValue start = values.get(1);
        BsonValue length = values.get(2);
        if (!isNumber(start)) {
            throw MongoServerException.location(
                    34450, "$substrCP: starting index must be a numeric type (is BSON type " + typeName(start) + ")");
        }
        Integer lower = wholeInt(start);
        if (lower == null) {
            throw MongoServerException.location(
                    34451,
                    "$substrCP: starting index cannot be represented as a 32-bit integral value: "
                            + BsonText.number(start));
        }
        if (!isNumber(length)) {
            throw MongoServerException.location(
                    34452, "$substrCP: length must be a numeric type (is BSON type " + typeName(length) + ")");
        }
        Integer count = wholeInt(length);
        if (count == null) {
            throw MongoServerException.location(
                    34453,
                    "$substrCP: length cannot be represented as a 32-bit integral value: " + BsonText.number(length));
        }
        if (lower < 0) {
            throw MongoServerException.location(34455, "$substrCP: the starting index must be nonnegative integer.");
        }
        if (count < 0) {
            throw MongoServerException.location(34454, "$substrCP: length must be a nonnegative integer.");
        }
        int codePoints = s.codePointCount(0, s.length());
        if (lower >= codePoints) {
            return new BsonString("");
        }
        int begin = s.offsetByCodePoints(0, lower);
        int end = s.offsetByCodePoints(begin, Math.min(count, codePoints - lower));
        return new BsonString(s.substring(begin, end));
    }

    private static BsonValue split(BsonValue input, BsonValue separator) {
        if (isNullish(input)) {
            return BsonNull.VALUE;
        }
        if (!input.isString()) {
            throw MongoServerException.location(
                    40085,
                    "$split requires an expression that evaluates to a string as a first argument, found: "
                            + typeName(input));
        }
        if (isNullish(separator)) {
            return BsonNull.VALUE;
        }
        if (!separator.isString()) {
            throw MongoServerException.location(
                    40086,
                    "$split requires an expression that evaluates to a string as a second argument, found: "
                            + typeName(separator));
        }
        String by = separator.asString().getValue();
        if (by.isEmpty()) {
            throw MongoServerException.location(40087, "$split requires a non-empty separator");
        }
        BsonArray parts = new BsonArray();
        for (String part : input.asString().getValue().split(Pattern.quote(by), -1)) {
            parts.add(new BsonString(part));
        }
        return parts;
    }

    private BsonValue indexOf(List<BsonValue> values) {
        BsonValue input = values.get(0);
        if (isNullish(input)) {
            return BsonNull.VALUE;
        }
        if (!input.isString()) {
            throw MongoServerException.location(
                    operator.equals("$indexOfBytes") ? 40091 : 40093,
                    operator + " requires a string as the first argument, found: " + typeName(input));
        }
        BsonValue token = values.get(1);
        if (token == null || !token.isString()) {
            throw MongoServerException.location(
                    operator.equals("$indexOfBytes") ? 40092 : 40094,
                    operator + " requires a string as the second argument, found: " + typeName(token));
        }
        boolean bytes = operator.equals("$indexOfBytes");
        String s = input.asString().getValue();
        String t = token.asString().getValue();
        int length = bytes ? utf8(s).length : s.codePointCount(0, s.length());
        int start = values.size() > 2 ? index(values.get(2), "starting") : 0;
        int end = values.size() > 3 ? index(values.get(3), "ending") : length;
        if (start > length || start > end) {
            return new BsonInt32(-1);
        }
        end = Math.min(end, length);
        if (bytes) {
            byte[] haystack = utf8(s);
            byte[] needle = utf8(t);
            for (int i = start; i + needle.length <= end; i++) {
                if (regionMatches(haystack, i, needle)) {
                    return new BsonInt32(i);
                }
            }
            return new BsonInt32(-1);
        }
        int[] haystack = s.codePoints().toArray();
        int[] needle = t.codePoints().toArray();
        for (int i = start; i + needle.length <= end; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return new BsonInt32(i);
            }
        }
        return new BsonInt32(-1);
    }

    private static boolean regionMatches(byte[] haystack, int at, byte[] needle) {
        return java.util.Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length);
    }

    private int index(BsonValue value, String which) {
        Integer index = wholeInt(value);
        if (index == null) {
            throw MongoServerException.location(
                    40096,
                    operator + " requires an integral " + which + " index, found a value of type: " + typeName(value)
                            + ", with value: " + (value == null ? "missing" : BsonText.of(value)));
        }
        if (index < 0) {
            throw MongoServerException.location(
                    40097, operator + " requires a nonnegative " + which + " index, found: " + index);
        }
        return index;
    }
}
