package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The conversions of {@code $convert} and its shorthands {@code $toInt $toLong $toDouble $toDecimal $toBool
 * $toString $toDate $toObjectId}, with MongoDB's table of what converts to what; a failure is a
 * {@code ConversionFailure} (241) with MongoDB's message. Also the text MongoDB gives a number.
 */
final class TypeConversion {
    private static final String NO_ON_ERROR = " in $convert with no onError value";

    private TypeConversion() {}

    /** The type {@code $convert}'s {@code to} names, as a type alias ("int") or number (16); refuses others. */
    static BsonType target(BsonValue to) {
        if (to.isString()) {
            String name = to.asString().getValue();
            if (name.equals("missing")) {
                return BsonType.END_OF_DOCUMENT;
            }
            BsonType type = BsonTypeNames.byAlias(name);
            if (type == null) {
                throw new MongoServerException(ErrorCode.BAD_VALUE, "Unknown type name: " + name);
            }
            return type;
        }
        if (BsonArithmetic.isNumber(to)) {
            Integer code = ValueOperatorExpression.wholeInt(to);
            if (code == null) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE, "In $convert, numeric 'to' argument is not an integer");
            }
            BsonType type = BsonTypeNames.byNumber(code);
            if (type == null) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE,
                        "In $convert, numeric value for 'to' does not correspond to a BSON type: " + code);
            }
            return type;
        }
        throw new MongoServerException(
                ErrorCode.FAILED_TO_PARSE,
                "$convert's 'to' argument must be a string or number, but is " + Expression.typeName(to));
    }

    /** {@code input} (not null or missing) converted to {@code target}. */
    static BsonValue convert(BsonValue input, BsonType target) {
        BsonValue result =
                switch (target) {
                    case DOUBLE -> toDouble(input);
                    case INT32 -> toInt(input);
                    case INT64 -> toLong(input);
                    case DECIMAL128 -> toDecimal(input);
                    case BOOLEAN -> toBool(input);
                    case STRING -> toStringValue(input);
                    case OBJECT_ID -> toObjectId(input);
                    case DATE_TIME -> toDate(input);
                    default -> null;
                };
        if (result == null) {
            String targetName = target == BsonType.END_OF_DOCUMENT ? "missing" : BsonTypeNames.aliasOf(target);
            throw failure(
                    "Unsupported conversion from " + Expression.typeName(input) + " to " + targetName + NO_ON_ERROR);
        }
        return result;
    }

    private static MongoServerException failure(String message) {
        return new MongoServerException(ErrorCode.CONVERSION_FAILURE, message);
    }

    private static BsonValue toDouble(BsonValue input) {
        return switch (input.getBsonType()) {
            case DOUBLE -> input;
            case INT32, INT64 -> new BsonDouble(input.asNumber().doubleValue());
            case DECIMAL128 -> {
                Decimal128 d = input.asDecimal128().getValue();
                if (d.isNaN()) {
                    yield new BsonDouble(Double.NaN);
                }
                if (d.isInfinite()) {
                    yield new BsonDouble(d.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                }
                double value = ModTest.exact(d).doubleValue();
                if (Double.isInfinite(value)) {
                    throw failure("Conversion would overflow target type" + NO_ON_ERROR + ": " + d);
                }
                yield new BsonDouble(value);
            }
            case BOOLEAN -> new BsonDouble(input.asBoolean().getValue() ? 1 : 0);
            case DATE_TIME -> new BsonDouble(input.asDateTime().getValue());
            case STRING -> {
                String s = input.asString().getValue();
                try {
                    if (s.isEmpty()
                            || Character.isWhitespace(s.charAt(0))
                            || s.matches(".*[dDfFxXpP].*")
                            || Character.isWhitespace(s.charAt(s.length() - 1))) {
                        throw new NumberFormatException();
                    }
                    yield new BsonDouble(Double.parseDouble(s));
                } catch (NumberFormatException e) {
                    throw failure(
                            "Failed to parse number '" + s + "'" + NO_ON_ERROR + ": Did not consume whole string.");
                }
            }
            default -> null;
        };
    }

    private static BsonValue toInt(BsonValue input) {
        if (input.isString()) {
            long value = parseInteger(input.asString().getValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            return new BsonInt32((int) value);
        }
        Long whole = truncate(input, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return whole == null ? null : new BsonInt32(whole.intValue());
    }

    private static BsonValue toLong(BsonValue input) {
        if (input.isString()) {
            return new BsonInt64(parseInteger(input.asString().getValue(), Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (input.isDateTime()) {
            return new BsonInt64(input.asDateTime().getValue());
        }
        Long whole = truncate(input, Long.MIN_VALUE, Long.MAX_VALUE);
        return whole == null ? null : new BsonInt64(whole);
    }

    /** A number or boolean truncated toward zero, refused outside [min, max]; null for other types. */
    private static Long truncate(BsonValue input, long min, long max) {
        BigDecimal value;
        switch (input.getBsonType()) {
            case BOOLEAN:
                return input.asBoolean().getValue() ? 1L : 0L;
            case INT32:
            case INT64:
                value = BigDecimal.valueOf(input.asNumber().longValue());
                break;
            case DOUBLE: {
                double d = input.asDouble().getValue();
                if (Double.isNaN(d)) {
                    throw failure("Attempt to convert NaN value to integer type" + NO_ON_ERROR + ": nan");
                }
                if (Double.isInfinite(d)) {
                    throw failure("Attempt to convert infinity value to integer type" + NO_ON_ERROR + ": "
                            + (d > 0 ? "inf" : "-inf"));
                }
                value = new BigDecimal(d);
                break;
            }
            case DECIMAL128: {
                Decimal128 d = input.asDecimal128().getValue();
                if (d.isNaN()) {
                    throw failure("Attempt to convert NaN value to integer type" + NO_ON_ERROR + ": NaN");
                }
                if (d.isInfinite()) {
                    throw failure("Attempt to convert infinity value to integer type" + NO_ON_ERROR + ": " + d);
                }
                value = ModTest.exact(d);
                break;
            }
            default:
                return null;
        }
        BigDecimal truncated = value.setScale(0, RoundingMode.DOWN);
        if (truncated.compareTo(BigDecimal.valueOf(min)) < 0 || truncated.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw failure("Conversion would overflow target type" + NO_ON_ERROR + ": " + numberText(input));
        }
        return truncated.longValueExact();
    }

    private static long parseInteger(String s, long min, long max) {
        String prefix = "Failed to parse number '" + s + "'" + NO_ON_ERROR + ": ";
        if (s.isEmpty()) {
            throw failure(prefix + "No digits");
        }
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        if (start == s.length()) {
            throw failure(prefix + "No digits");
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw failure(prefix + "Bad digit \"" + c + "\" while parsing " + s);
            }
        }
        BigDecimal value = new BigDecimal(s);
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw failure(prefix + "Overflow");
        }
        return value.longValueExact();
    }

    private static BsonValue toDecimal(BsonValue input) {
        return switch (input.getBsonType()) {
            case DECIMAL128 -> input;
            case INT32, INT64 ->
                new BsonDecimal128(new Decimal128(input.asNumber().longValue()));
            case DOUBLE -> decimalOfDouble(input.asDouble().getValue());
            case BOOLEAN -> new BsonDecimal128(new Decimal128(input.asBoolean().getValue() ? 1 : 0));
            case DATE_TIME ->
                new BsonDecimal128(new Decimal128(input.asDateTime().getValue()));
            case STRING -> {
                String s = input.asString().getValue();
                try {
                    yield new BsonDecimal128(Decimal128.parse(s));
                } catch (NumberFormatException e) {
                    throw failure(
                            "Failed to parse number '" + s + "'" + NO_ON_ERROR + ": Failed to parse string to decimal");
                }
            }
            default -> null;
        };
    }

    /** A double as MongoDB makes it a decimal: rounded to, and written with, 15 significant digits. */
    static BsonDecimal128 decimalOfDouble(double d) {
        if (Double.isNaN(d)) {
            return new BsonDecimal128(Decimal128.NaN);
        }
        if (Double.isInfinite(d)) {
            return new BsonDecimal128(d > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
        if (d == 0) {
            return new BsonDecimal128(Decimal128.parse(1 / d < 0 ? "-0E-14" : "0E-14"));
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(15));
        if (rounded.precision() < 15) {
            rounded = rounded.setScale(rounded.scale() + 15 - rounded.precision());
        }
        return new BsonDecimal128(new Decimal128(rounded));
    }

    private static BsonValue toBool(BsonValue input) {
        return switch (input.getBsonType()) {
            case BOOLEAN -> input;
            case INT32, INT64, DOUBLE, DECIMAL128 -> {
                if (input.isDouble() && Double.isNaN(input.asDouble().getValue())) {
                    yield BsonBoolean.TRUE;
                }
                if (input.isDecimal128() && input.asDecimal128().getValue().isNaN()) {
                    yield BsonBoolean.TRUE;
                }
                yield BsonBoolean.valueOf(FilterParser.isTruthy(input));
            }
            default -> BsonBoolean.TRUE;
        };
    }

    private static BsonValue toStringValue(BsonValue input) {
        return switch (input.getBsonType()) {
            case STRING -> input;
            case INT32, INT64, DOUBLE, DECIMAL128 -> new BsonString(numberText(input));
            case BOOLEAN -> new BsonString(Boolean.toString(input.asBoolean().getValue()));
            case OBJECT_ID -> new BsonString(input.asObjectId().getValue().toHexString());
            case DATE_TIME -> new BsonString(DateText.iso(input.asDateTime().getValue()));
            default -> null;
        };
    }

    private static BsonValue toObjectId(BsonValue input) {
        if (input.isObjectId()) {
            return input;
        }
        if (!input.isString()) {
            return null;
        }
        String s = input.asString().getValue();
        String prefix = "Failed to parse objectId '" + s + "'" + NO_ON_ERROR + ": ";
        if (s.length() != 24) {
            throw failure(prefix + "Invalid string length for parsing to OID, expected 24 but found " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw failure(prefix + "Invalid character found in hex string: " + s);
            }
        }
        return new BsonObjectId(new ObjectId(s));
    }

    private static BsonValue toDate(BsonValue input) {
        return switch (input.getBsonType()) {
            case DATE_TIME -> input;
            case INT64 -> new BsonDateTime(input.asInt64().getValue());
            case DOUBLE, DECIMAL128 -> {
                Long whole = truncate(input, Long.MIN_VALUE, Long.MAX_VALUE);
                yield new BsonDateTime(whole);
            }
            case OBJECT_ID -> new BsonDateTime(input.asObjectId().getValue().getTimestamp() * 1000L);
            case TIMESTAMP -> new BsonDateTime(input.asTimestamp().getTime() * 1000L);
            case STRING -> new BsonDateTime(DateText.parseIso(input.asString().getValue()));
            default -> null;
        };
    }

    /** A number as {@code $toString} and string operators write it: {@code 5}, {@code 2.5}, {@code 1e+20}. */
    static String numberText(BsonValue number) {
        return switch (number.getBsonType()) {
            case INT32, INT64 -> Long.toString(number.asNumber().longValue());
            case DECIMAL128 -> number.asDecimal128().getValue().toString();
            default -> doubleText(number.asDouble().getValue());
        };
    }

    /** The shortest text that reads back as the double; an exponent outside [-5, 16), as MongoDB prints doubles. */
    static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -5 && exponent < 16) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = d < 0 ? "-" : "";
        String exponentText = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return sign + mantissa + "e" + exponentText;
    }
}
