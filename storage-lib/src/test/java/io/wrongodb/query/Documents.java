package io.wrongodb.query;

import java.util.List;
import java.util.stream.Collectors;
import org.bson.BsonDocument;

/** Shorthands for the query tests: documents from shell-style JSON, and which of some documents a filter keeps. */
final class Documents {
    private Documents() {}

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    static boolean matches(String filter, String document) {
        return Filter.parse(doc(filter)).matches(doc(document));
    }

    /** The {@code _id}s, in order, of the documents the filter matches. */
    static List<Integer> ids(String filter, List<BsonDocument> documents) {
        Filter parsed = Filter.parse(doc(filter));
        return documents.stream()
                .filter(parsed::matches)
                .map(d -> d.getInt32("_id").getValue())
                .collect(Collectors.toList());
    }

    static List<BsonDocument> docs(String... json) {
        return java.util.Arrays.stream(json).map(Documents::doc).collect(Collectors.toList());
    }
}
