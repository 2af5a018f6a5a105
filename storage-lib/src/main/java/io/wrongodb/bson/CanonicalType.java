package io.wrongodb.bson;

import org.bson.BsonValue;

/**
 * The groups MongoDB sorts values of different BSON types into, lowest first. Types in one group compare by value
 * with each other (int32, int64, double and decimal128 are all numbers; symbol and string are both strings);
 * values of different groups compare by group alone.
 *
 * <p>Each group's {@link #keyByte} leads its values in {@link KeyEncoding}, so the bytes are ordered as the groups
 * are. The gaps between them leave room for groups that may be split later without rewriting the ones around them.
 * The key bytes are part of the on-disk format of keys.
 */
public enum CanonicalType {
    MIN_KEY(0x0A),
    // MongoDB ranks undefined (deprecated) just below null rather than equal to it.
    UNDEFINED(0x0F),
    NULL(0x14),
    NUMBER(0x1E),
    STRING(0x3C),
    OBJECT(0x46),
    ARRAY(0x50),
    BINARY(0x5A),
    OBJECT_ID(0x64),
    BOOLEAN(0x6E),
    DATE(0x78),
    TIMESTAMP(0x82),
    REGULAR_EXPRESSION(0x8C),
    DB_POINTER(0x96),
    JAVASCRIPT(0xA0),
    JAVASCRIPT_WITH_SCOPE(0xAA),
    MAX_KEY(0xF0);

    final byte keyByte;

    CanonicalType(int keyByte) {
        this.keyByte = (byte) keyByte;
    }

    public static CanonicalType of(BsonValue value) {
        return switch (value.getBsonType()) {
            case MIN_KEY -> MIN_KEY;
            case UNDEFINED -> UNDEFINED;
            case NULL -> NULL;
            case INT32, INT64, DOUBLE, DECIMAL128 -> NUMBER;
            case STRING, SYMBOL -> STRING;
            case DOCUMENT -> OBJECT;
            case ARRAY -> ARRAY;
            case BINARY -> BINARY;
            case OBJECT_ID -> OBJECT_ID;
            case BOOLEAN -> BOOLEAN;
            case DATE_TIME -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case REGULAR_EXPRESSION -> REGULAR_EXPRESSION;
            case DB_POINTER -> DB_POINTER;
            case JAVASCRIPT -> JAVASCRIPT;
            case JAVASCRIPT_WITH_SCOPE -> JAVASCRIPT_WITH_SCOPE;
            case MAX_KEY -> MAX_KEY;
            case END_OF_DOCUMENT -> throw new IllegalArgumentException("not a value: " + value);
        };
    }
}
