package io.wrongodb.catalog;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.nio.charset.StandardCharsets;

/**
 * A collection's full name, {@code database.collection}, checked against MongoDB's naming rules: a database name is
 * 1 to 63 bytes without {@code / \ . " $} spaces or NUL; a collection name is not empty, has no {@code $} and no
 * NUL, and the whole namespace fits in 255 bytes. Names beginning with {@code system.} are reserved.
 */
public record Namespace(String database, String collection) {
    static final int MAX_DATABASE_NAME_BYTES = 63;
    static final int MAX_NAMESPACE_BYTES = 255;

    /** A namespace for a client's collection; throws InvalidNamespace (73) when either name is invalid. */
    public static Namespace of(String database, String collection) {
        checkDatabaseName(database);
        Namespace ns = new Namespace(database, collection);
        if (collection.isEmpty()
                || collection.indexOf('$') >= 0
                || collection.indexOf('\0') >= 0
                || collection.startsWith(".")
                || ns.full().getBytes(StandardCharsets.UTF_8).length > MAX_NAMESPACE_BYTES) {
            throw new MongoServerException(
                    ErrorCode.INVALID_NAMESPACE, "Invalid namespace specified '" + ns.full() + "'");
        }
        return ns;
    }

    /** Parses {@code db.coll}, as {@code renameCollection} takes them. */
    public static Namespace parse(String full) {
        int dot = full.indexOf('.');
        if (dot <= 0) {
            throw new MongoServerException(ErrorCode.INVALID_NAMESPACE, "Invalid namespace specified '" + full + "'");
        }
        return of(full.substring(0, dot), full.substring(dot + 1));
    }

    public static void checkDatabaseName(String database) {
        boolean valid = !database.isEmpty()
                && database.getBytes(StandardCharsets.UTF_8).length <= MAX_DATABASE_NAME_BYTES
                && database.chars().noneMatch(c -> "/\\. \"$\0".indexOf(c) >= 0);
        if (!valid) {
            throw new MongoServerException(ErrorCode.INVALID_NAMESPACE, "Invalid database name: '" + database + "'");
        }
    }

    /** True for {@code system.*} collections, which clients may not create or write directly. */
    public boolean isSystem() {
        return collection.startsWith("system.");
    }

    public String full() {
        return database + "." + collection;
    }

    @Override
    public String toString() {
        return full();
    }
}
