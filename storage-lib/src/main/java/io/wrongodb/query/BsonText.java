package io.wrongodb.query;

import io.wrongodb.bson.TypeNames;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Values written the way MongoDB writes them into error messages ({@code { a: 1, b: "x" }}, {@code a: 1}), and
 * MongoDB's names of BSON types ({@code int}, {@code objectId}), so that messages read as MongoDB's do.
 */
final class BsonText {
    private BsonText() {}

    /** A value as MongoDB prints one in a message: {@code { $gte: 3 }}, {@code "a"}. */
    static String of(BsonValue value) {
        return value(value);
    }

    /** A number the way MongoDB prints one in "Invalid numerical type code: 1.5" (no ".0" on whole values). */
    static String number(BsonValue value) {
        if (value.isDouble()) {
            double d = value.asDouble().getValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        return of(value);
    }

    /** A document as MongoDB prints one: {@code { a: 1, b: [ 1, 2 ] }}, or {@code {}} when empty. */
    static String document(BsonDocument document) {
        if (document.isEmpty()) {
            return "{}";
        }
        StringBuilder text = new StringBuilder("{ ");
        boolean first = true;
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            text.append(element(entry.getKey(), entry.getValue()));
        }
        return text.append(" }").toString();
    }

    /** A named value as MongoDB prints one: {@code a: 1}. */
    static String element(String name, BsonValue value) {
        return name + ": " + value(value);
    }

    static String value(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> document(value.asDocument());
            case ARRAY -> {
                if (value.asArray().isEmpty()) {
                    yield "[]";
                }
                StringBuilder text = new StringBuilder("[ ");
                for (int i = 0; i < value.asArray().size(); i++) {
                    text.append(i == 0 ? "" : ", ").append(value(value.asArray().get(i)));
                }
                yield text.append(" ]").toString();
            }
            case STRING -> '"' + value.asString().getValue() + '"';
            case INT32 -> Integer.toString(value.asInt32().getValue());
            case INT64 -> Long.toString(value.asInt64().getValue());
            case DOUBLE -> doubleText(value.asDouble().getValue());
            case DECIMAL128 -> "NumberDecimal(\"" + value.asDecimal128().getValue() + "\")";
            case BOOLEAN -> Boolean.toString(value.asBoolean().getValue());
            case NULL -> "null";
            case UNDEFINED -> "undefined";
            case OBJECT_ID -> "ObjectId('" + value.asObjectId().getValue().toHexString() + "')";
            case DATE_TIME -> "new Date(" + value.asDateTime().getValue() + ")";
            case TIMESTAMP ->
                "Timestamp(" + value.asTimestamp().getTime() + ", "
                        + value.asTimestamp().getInc() + ")";
            case REGULAR_EXPRESSION ->
                "/" + value.asRegularExpression().getPattern() + "/"
                        + value.asRegularExpression().getOptions();
            case MIN_KEY -> "MinKey";
            case MAX_KEY -> "MaxKey";
            default -> value.toString();
        };
    }

    private static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "nan.0";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf.0" : "-inf.0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }

    /** MongoDB's name for a value's type, as {@code $type} spells it. */
    static String typeName(BsonValue value) {
        return typeName(value.getBsonType());
    }

    static String typeName(BsonType type) {
        return TypeNames.of(type);
    }
}
