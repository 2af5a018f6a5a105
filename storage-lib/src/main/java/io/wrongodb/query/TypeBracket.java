package io.wrongodb.query;

import org.bson.BsonValue;

/**
 * MongoDB's canonical type ranks, which a query comparison uses to keep to one type ("type bracketing"):
 * {@code {a: {$gt: 5}}} compares only with numbers. Missing and undefined share a rank, null has its own; the four
 * number types share one, as do string and symbol.
 */
final class TypeBracket {
    static final int MIN_KEY = -1;
    static final int MISSING_OR_UNDEFINED = 0;
    static final int NULL = 5;
    static final int MAX_KEY = 127;

    private TypeBracket() {}

    /** The rank of {@code value}; null (missing) ranks with undefined. */
    static int of(BsonValue value) {
        if (value == null) {
            return MISSING_OR_UNDEFINED;
        }
        return switch (value.getBsonType()) {
            case MIN_KEY -> MIN_KEY;
            case UNDEFINED, END_OF_DOCUMENT -> MISSING_OR_UNDEFINED;
            case NULL -> NULL;
            case INT32, INT64, DOUBLE, DECIMAL128 -> 10;
            case STRING, SYMBOL -> 15;
            case DOCUMENT -> 20;
            case ARRAY -> 25;
            case BINARY -> 30;
            case OBJECT_ID -> 35;
            case BOOLEAN -> 40;
            case DATE_TIME -> 45;
            case TIMESTAMP -> 47;
            case REGULAR_EXPRESSION -> 50;
            case DB_POINTER -> 55;
            case JAVASCRIPT -> 60;
            case JAVASCRIPT_WITH_SCOPE -> 65;
            case MAX_KEY -> MAX_KEY;
        };
    }
}
