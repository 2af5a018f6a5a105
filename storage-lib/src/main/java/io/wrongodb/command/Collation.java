package io.wrongodb.command;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonValue;

/**
 * The {@code collation} option of queries, writes and indexes. WrongoDB compares strings by their UTF-8 bytes,
 * which is MongoDB's {@code {locale: "simple"}}; any other collation is refused (238) rather than ignored, because
 * ignoring it would return different documents than the client asked for.
 */
final class Collation {
    private Collation() {}

    /** Checks {@code collation} (null when the command has none) is absent or the simple collation. */
    static void requireSimple(BsonValue collation) {
        if (collation == null) {
            return;
        }
        if (!collation.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'collation' is the wrong type '" + TypeNames.of(collation)
                            + "', expected type 'object'");
        }
        BsonValue locale = collation.asDocument().get("locale");
        if (locale == null) {
            throw MongoServerException.location(40414, "BSON field 'locale' is missing but a required field");
        }
        if (!locale.isString()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'locale' is the wrong type '" + TypeNames.of(locale) + "', expected type 'string'");
        }
        if (!locale.asString().getValue().equals("simple")) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED,
                    "collation with locale '" + locale.asString().getValue()
                            + "' is not supported by WrongoDB; only {locale: \"simple\"} (binary comparison) is");
        }
    }
}
