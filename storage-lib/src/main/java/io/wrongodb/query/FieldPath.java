package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Set;

/**
 * A dotted path such as {@code a.b.c} as projections and sorts name fields, checked the way MongoDB checks one: not
 * empty, no empty or {@code $}-prefixed component, no trailing dot.
 */
final class FieldPath {
    // DBRef fields are the only $-prefixed names MongoDB accepts in a path.
    private static final Set<String> ALLOWED_DOLLAR_NAMES = Set.of("$id", "$ref", "$db");

    private FieldPath() {}

    /** The path's components; throws MongoDB's error (40352, 40353, 15998, 16410, 16411) for an invalid one. */
    static List<String> parse(String path) {
        if (path.isEmpty()) {
            throw MongoServerException.location(40352, "FieldPath cannot be constructed with empty string");
        }
        if (path.endsWith(".")) {
            throw MongoServerException.location(40353, "FieldPath must not end with a '.'.");
        }
        List<String> parts = List.of(path.split("\\.", -1));
        for (String part : parts) {
            checkComponent(part);
        }
        return parts;
    }

    private static void checkComponent(String name) {
        if (name.isEmpty()) {
            throw MongoServerException.location(15998, "FieldPath field names may not be empty strings.");
        }
        if (name.charAt(0) == '$' && !ALLOWED_DOLLAR_NAMES.contains(name)) {
            throw MongoServerException.location(
                    16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
        }
        if (name.indexOf('\0') >= 0) {
            throw MongoServerException.location(16411, "FieldPath field names may not contain '\\0'.");
        }
    }
}
