package io.wrongodb.query;

import org.bson.BsonDocument;

/**
 * A find-only projection operator that rewrites an array of the already projected document: {@code $slice} and the
 * positional {@code a.$}. MongoDB applies them after the inclusion or exclusion, so the array keeps its place.
 */
interface ArrayStep {
    /** A new document; {@code projected} and {@code input} are left alone. */
    BsonDocument apply(BsonDocument projected, BsonDocument input, MatchDetails details);
}
