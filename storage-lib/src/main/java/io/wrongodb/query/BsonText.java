package io.wrongodb.query;

import java.util.Map;
import org.bson.BsonType;
import org.bson.BsonValue;

/** Writes values into error messages the way MongoDB's server prints them: {@code { $gte: 3 }}, {@code "a"}. */
final class BsonText {
    private BsonText() {}

    static String of(BsonValue value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
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

    private static void append(StringBuilder out, BsonValue value) {
        switch (value.getBsonType()) {
            case STRING -> out.append('"').append(value.asString().getValue()).append('"');
            case INT32 -> out.append(value.asInt32().getValue());
            case INT64 -> out.append(value.asInt64().getValue());
            case DOUBLE -> out.append(doubleText(value.asDouble().getValue()));
            case DECIMAL128 -> out.append(value.asDecimal128().getValue());
            case BOOLEAN -> out.append(value.asBoolean().getValue());
            case NULL -> out.append("null");
            case UNDEFINED -> out.append("undefined");
            case MIN_KEY -> out.append("MinKey");
            case MAX_KEY -> out.append("MaxKey");
            case DOCUMENT -> {
                if (value.asDocument().isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{ ");
                boolean first = true;
                for (Map.Entry<String, BsonValue> e : value.asDocument().entrySet()) {
                    out.append(first ? "" : ", ").append(e.getKey()).append(": ");
                    append(out, e.getValue());
                    first = false;
                }
                out.append(" }");
            }
            case ARRAY -> {
                if (value.asArray().isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[ ");
                boolean first = true;
                for (BsonValue v : value.asArray()) {
                    out.append(first ? "" : ", ");
                    append(out, v);
                    first = false;
                }
                out.append(" ]");
            }
            case REGULAR_EXPRESSION ->
                out.append('/')
                        .append(value.asRegularExpression().getPattern())
                        .append('/')
                        .append(value.asRegularExpression().getOptions());
            default ->
                out.append(
                        value.getBsonType() == BsonType.OBJECT_ID
                                ? "ObjectId('" + value.asObjectId().getValue() + "')"
                                : value.toString());
        }
    }

    private static String doubleText(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }
}
