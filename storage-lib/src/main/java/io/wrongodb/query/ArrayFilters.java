package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The {@code arrayFilters} of an update, by identifier: {@code {"x.a": {$gt: 1}}} is the filter {@code x}, which an
 * array element {@code e} passes if {@code {x: e}} matches it.
 */
final class ArrayFilters {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final String CAUSED_BY = "Error parsing array filter :: caused by :: ";

    private ArrayFilters() {}

    static Map<String, Filter> parse(List<BsonDocument> filters) {
        Map<String, Filter> byIdentifier = new LinkedHashMap<>();
        for (BsonDocument filter : filters) {
            String identifier = identifier(filter, null);
            if (identifier == null) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE,
                        "Cannot use an expression without a top-level field name in arrayFilters");
            }
            if (!IDENTIFIER.matcher(identifier).matches()) {
                throw new MongoServerException(
                        ErrorCode.BAD_VALUE,
                        CAUSED_BY + "The top-level field name must be an alphanumeric string beginning with a"
                                + " lowercase letter, found '" + identifier + "'");
            }
            if (byIdentifier.containsKey(identifier)) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE,
                        "Found multiple array filters with the same top-level field name " + identifier);
            }
            byIdentifier.put(identifier, Filter.parse(filter));
        }
        return byIdentifier;
    }

    /** The one top-level name of a filter's paths, looking into $and, $or and $nor; null if it has none. */
    private static String identifier(BsonDocument filter, String found) {
        for (Map.Entry<String, BsonValue> field : filter.entrySet()) {
            String key = field.getKey();
            if (key.startsWith("$")) {
                boolean logical = key.equals("$and") || key.equals("$or") || key.equals("$nor");
                if (logical && field.getValue().isArray()) {
                    for (BsonValue clause : field.getValue().asArray()) {
                        if (clause.isDocument()) {
                            found = identifier(clause.asDocument(), found);
                        }
                    }
                }
                continue;
            }
            int dot = key.indexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            if (found != null && !found.equals(name)) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE,
                        CAUSED_BY + "Expected a single top-level field name, found '" + found + "' and '" + name + "'");
            }
            found = name;
        }
        return found;
    }
}
