package io.wrongodb.query;

import java.util.HexFormat;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Values as MongoDB writes them into error messages ({@code { $slice: [ 1, 2 ] }}, {@code a: "x"}), and MongoDB's
 * names of BSON types ({@code int}, {@code string}, ...).
 */
final class BsonText {
    private BsonText() {}

    /** A field as MongoDB prints an element: {@code name: value}. */
    static String element(String name, BsonValue value) {
        return name + ": " + value(value);
    }

    static String value(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> document(value.asDocument());
            case ARRAY -> array(value.asArray());
            case STRING -> '"' + value.asString().getValue() + '"';
            case SYMBOL -> '"' + value.asSymbol().getSymbol() + '"';
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
            case BINARY ->
                "BinData(" + (value.asBinary().getType() & 0xFF) + ", "
                        + HexFormat.of()
                                .withUpperCase()
                                .formatHex(value.asBinary().getData()) + ")";
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

    private static String document(BsonDocument document) {
        if (document.isEmpty()) {
            return "{}";
        }
        StringBuilder text = new StringBuilder("{ ");
        boolean first = true;
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            text.append(element(field.getKey(), field.getValue()));
        }
        return text.append(" }").toString();
    }

    private static String array(BsonArray array) {
        if (array.isEmpty()) {
            return "[]";
        }
        StringBuilder text = new StringBuilder("[ ");
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(value(array.get(i)));
        }
        return text.append(" ]").toString();
    }

    /** MongoDB's name for the value's type, as in "but got int". */
    static String typeName(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOUBLE -> "double";
            case STRING -> "string";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case BINARY -> "binData";
            case UNDEFINED -> "undefined";
            case OBJECT_ID -> "objectId";
            case BOOLEAN -> "bool";
            case DATE_TIME -> "date";
            case NULL -> "null";
            case REGULAR_EXPRESSION -> "regex";
            case DB_POINTER -> "dbPointer";
            case JAVASCRIPT -> "javascript";
            case SYMBOL -> "symbol";
            case JAVASCRIPT_WITH_SCOPE -> "javascriptWithScope";
            case INT32 -> "int";
            case TIMESTAMP -> "timestamp";
            case INT64 -> "long";
            case DECIMAL128 -> "decimal";
            case MIN_KEY -> "minKey";
            case MAX_KEY -> "maxKey";
            case END_OF_DOCUMENT -> "eoo";
        };
    }
}
