package io.wrongodb.bson;

import java.util.Map;
import org.bson.BsonValue;

/**
 * Values written the way MongoDB writes them in error messages, such as {@code { _id: 1 }} or
 * {@code { a: "x", b: ObjectId('...') }}: field names bare, strings in double quotes.
 */
public final class ShellFormat {
    private ShellFormat() {}

    public static String of(BsonValue value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, BsonValue value) {
        switch (value.getBsonType()) {
            case DOCUMENT -> {
                if (value.asDocument().isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{ ");
                boolean first = true;
                for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                    out.append(first ? "" : ", ").append(field.getKey()).append(": ");
                    write(out, field.getValue());
                    first = false;
                }
                out.append(" }");
            }
            case ARRAY -> {
                out.append("[ ");
                boolean first = true;
                for (BsonValue element : value.asArray()) {
                    out.append(first ? "" : ", ");
                    write(out, element);
                    first = false;
                }
                out.append(first ? "]" : " ]");
            }
            case STRING -> out.append('"').append(value.asString().getValue()).append('"');
            case INT32 -> out.append(value.asInt32().getValue());
            case INT64 -> out.append(value.asInt64().getValue());
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                out.append(
                        d == Math.rint(d) && !Double.isInfinite(d)
                                ? Long.toString((long) d) + ".0"
                                : Double.toString(d));
            }
            case DECIMAL128 -> out.append(value.asDecimal128().getValue());
            case OBJECT_ID ->
                out.append("ObjectId('")
                        .append(value.asObjectId().getValue().toHexString())
                        .append("')");
            case BOOLEAN -> out.append(value.asBoolean().getValue());
            case NULL -> out.append("null");
            case DATE_TIME ->
                out.append("new Date(").append(value.asDateTime().getValue()).append(")");
            case MIN_KEY -> out.append("MinKey");
            case MAX_KEY -> out.append("MaxKey");
            default -> out.append(value);
        }
    }
}
