package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;

/**
 * A parsed query filter, such as {@code {a: {$gt: 1}, "b.c": "x"}}: parse once, then test documents. It behaves
 * as MongoDB 7.0's matcher does: dotted paths reach into embedded documents and arrays, a condition on an array
 * holds if it holds for the array or one of its elements, comparisons keep to one type, and parsing rejects what
 * MongoDB rejects, with its codes and messages.
 *
 * <p>Supported: {@code $eq $ne $gt $gte $lt $lte $in $nin $and $or $nor $not $exists $type $size $all $elemMatch
 * $regex $options $mod $expr $comment $alwaysTrue $alwaysFalse} and DBRef fields. Geospatial, bitwise, text,
 * {@code $where}, {@code $jsonSchema} and {@code $sampleRate} are refused with an error.
 */
public final class Filter {
    private final BsonDocument spec;
    private final MatchNode root;

    private Filter(BsonDocument spec, MatchNode root) {
        this.spec = spec;
        this.root = root;
    }

    /** Parses a filter; throws {@link MongoServerException} (BadValue, FailedToParse, ...) for an invalid one. */
    public static Filter parse(BsonDocument spec) {
        return new Filter(spec, FilterParser.parse(spec, true));
    }

    /** The filter as the client sent it. */
    public BsonDocument spec() {
        return spec;
    }

    public boolean matches(BsonDocument document) {
        return root.matches(document, null);
    }

    /** True if {@code document} matches; records in {@code details} the array position that matched, if any. */
    public boolean matches(BsonDocument document, MatchDetails details) {
        return root.matches(document, details);
    }
}
