package io.wrongodb.query;

import io.wrongodb.bson.TypeNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonType;

/** The names and numbers MongoDB gives BSON types, as {@code $type} (query and expression) uses them. */
final class BsonTypeNames {
    private static final Map<String, BsonType> BY_ALIAS = new LinkedHashMap<>();
    private static final Map<Integer, BsonType> BY_NUMBER = new LinkedHashMap<>();

    static {
        alias("double", BsonType.DOUBLE, 1);
        alias("string", BsonType.STRING, 2);
        alias("object", BsonType.DOCUMENT, 3);
        alias("array", BsonType.ARRAY, 4);
        alias("binData", BsonType.BINARY, 5);
        alias("undefined", BsonType.UNDEFINED, 6);
        alias("objectId", BsonType.OBJECT_ID, 7);
        alias("bool", BsonType.BOOLEAN, 8);
        alias("date", BsonType.DATE_TIME, 9);
        alias("null", BsonType.NULL, 10);
        alias("regex", BsonType.REGULAR_EXPRESSION, 11);
        alias("dbPointer", BsonType.DB_POINTER, 12);
        alias("javascript", BsonType.JAVASCRIPT, 13);
        alias("symbol", BsonType.SYMBOL, 14);
        alias("javascriptWithScope", BsonType.JAVASCRIPT_WITH_SCOPE, 15);
        alias("int", BsonType.INT32, 16);
        alias("timestamp", BsonType.TIMESTAMP, 17);
        alias("long", BsonType.INT64, 18);
        alias("decimal", BsonType.DECIMAL128, 19);
        alias("minKey", BsonType.MIN_KEY, -1);
        alias("maxKey", BsonType.MAX_KEY, 127);
    }

    private BsonTypeNames() {}

    private static void alias(String name, BsonType type, int number) {
        BY_ALIAS.put(name, type);
        BY_NUMBER.put(number, type);
    }

    /** The type an alias such as "int" names, or null. ("number" is not a single type: callers handle it.) */
    static BsonType byAlias(String alias) {
        return BY_ALIAS.get(alias);
    }

    /** The type a number such as 16 names, or null. */
    static BsonType byNumber(int number) {
        return BY_NUMBER.get(number);
    }

    /** The alias of a type, as the {@code $type} expression returns it. */
    static String aliasOf(BsonType type) {
        return TypeNames.of(type);
    }
}
