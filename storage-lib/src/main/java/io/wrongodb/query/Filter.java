package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;

/**
 * A parsed query filter, such as {@code {a: {$gt: 1}, "b.c": "x"}}: parse once, then test documents. Parsing
 * rejects what MongoDB rejects, with its codes. SKELETON: being implemented.
 */
public final class Filter {
    private final BsonDocument spec;

    private Filter(BsonDocument spec) {
        this.spec = spec;
    }

    /** Parses a filter; throws {@link MongoServerException} (BadValue, FailedToParse, ...) for an invalid one. */
    public static Filter parse(BsonDocument spec) {
        return new Filter(spec);
    }

    /** The filter as the client sent it. */
    public BsonDocument spec() {
        return spec;
    }

    public boolean matches(BsonDocument document) {
        return matches(document, new MatchDetails());
    }

    /** True if {@code document} matches; records in {@code details} the array position that matched, if any. */
    public boolean matches(BsonDocument document, MatchDetails details) {
        throw new MongoServerException(ErrorCode.INTERNAL_ERROR, "filters are not implemented yet");
    }
}
